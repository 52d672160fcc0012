// Next.js configuration of the example. Tessera's engine, stores and HTTP layer run as plain Node
// packages (native SQLite, one module instance per process); @tessera/next and @tessera/react are
// bundled with the app.
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
const config = {
  serverExternalPackages: [
    '@tessera/core',
    '@tessera/stores',
    '@tessera/http',
    '@tessera/verify',
    'better-sqlite3',
  ],
  // Type-checked with the rest of the repository (npm run typecheck), not again by next build.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default config;

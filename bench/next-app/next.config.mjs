// The Next.js app of bench/next-auth-cost.mjs: one dynamic server-component page per way of
// knowing who is signed in. Tessera's engine, stores and the auth server's config loader run as
// plain Node packages (native modules, one instance per process), as in examples/next-app.
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
const config = {
  serverExternalPackages: [
    '@tessera/core',
    '@tessera/stores',
    '@tessera/http',
    '@tessera/verify',
    'tessera',
    'better-sqlite3',
  ],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default config;

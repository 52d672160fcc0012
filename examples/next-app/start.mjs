// One command for the example (`npm run example:next-app`): builds Tessera's packages and the app
// when stale, keeps a secret of its own in the data directory (0600), and starts `next start`.
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const next = join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const dataDir = process.env.TESSERA_DATA_DIR ?? join(appDir, '.tessera');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const secretFile = join(dataDir, 'secret');
if (process.env.TESSERA_SECRET === undefined && !existsSync(secretFile)) {
  writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
}
const env = {
  ...process.env,
  TESSERA_DATA_DIR: dataDir,
  TESSERA_SECRET: process.env.TESSERA_SECRET ?? readFileSync(secretFile, 'utf8'),
};
const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run([join(repoRoot, 'scripts', 'build.mjs'), '--if-stale']);
if (!existsSync(join(appDir, '.next', 'BUILD_ID')) || process.argv.includes('--rebuild')) {
  run([next, 'build', appDir]);
}
const port = process.env.PORT ?? '3000';
const server = spawn(
  process.execPath,
  [next, 'start', appDir, '-p', port, '-H', process.env.HOST ?? '127.0.0.1'],
  {
    stdio: 'inherit',
    env,
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

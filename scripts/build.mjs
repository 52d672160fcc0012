// Compiles the workspace packages to dist/ in dependency order (tsc), so `npm start` runs plain
// JavaScript. With --if-stale it does nothing when every dist/ is newer than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = [
  'packages/client',
  'packages/verify',
  'packages/core',
  'packages/stores',
  'packages/http',
  'packages/react',
  'packages/next',
  'apps/tessera',
];
const ifStale = process.argv.includes('--if-stale');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged = (pkg) =>
  Math.max(newestMtime(join(root, pkg, 'src')), statSync(join(root, pkg, 'tsconfig.build.json')).mtimeMs) >
  newestMtime(join(root, pkg, 'dist'));

const stale = packages.filter((pkg) => !ifStale || sourcesChanged(pkg));
if (stale.length === 0) process.exit(0);

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
for (const pkg of packages) {
  if (ifStale && !stale.includes(pkg) && !stale.some((s) => packages.indexOf(s) < packages.indexOf(pkg)))
    continue;
  process.stdout.write(`building ${pkg}\n`);
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, pkg, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The web UI's page scripts (DOM types, their own project), served by the server from
// apps/tessera/dist/ui-browser. apps/tessera is rebuilt whenever anything is, so these are too.
process.stdout.write('building apps/tessera browser scripts\n');
const browser = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'apps/tessera/src/ui/browser/tsconfig.json')],
  {
    stdio: 'inherit',
  },
);
if (browser.status !== 0) process.exit(browser.status ?? 1);

// Runs every *.test.ts file of the repository with node:test, from source (tsx, "development" exports).
// Node 20 does not expand globs for --test, so the files are listed here.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const skipDirs = new Set(['node_modules', 'dist', '.git', '.tessera', 'test-results']);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name)) found.push(...findTests(join(dir, entry.name)));
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(relative(root, join(dir, entry.name)));
    }
  }
  return found;
}

const filters = process.argv.slice(2);
const files = findTests(root)
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
console.log(`Running ${files.length} test files.`);
const child = spawn(
  process.execPath,
  ['--conditions=development', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

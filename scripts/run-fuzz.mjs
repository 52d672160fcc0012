// `npm run test:fuzz`: the request fuzz test (apps/tessera/test/request-fuzz.test.ts) run long, with a
// random seed it prints first. TESSERA_FUZZ_SEED, TESSERA_FUZZ_RUNS and TESSERA_FUZZ_SECONDS
// (per store, default 300) override; TESSERA_FUZZ_PATH with the seed replays a reported counterexample.
import { spawn } from 'node:child_process';

const runTests = new URL('run-tests.mjs', import.meta.url).pathname;
const child = spawn(process.execPath, [runTests, 'apps/tessera/test/request-fuzz.test.ts'], {
  env: { ...process.env, TESSERA_FUZZ: '1' },
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// What the metrics cost per request: the work an authenticated request adds (two performance.now()
// calls and one histogram observation on a child looked up in advance), with the server's
// prom-client observer and with the silent default, and the counters of a login and a refresh.
// Numbers are from one run on this machine; compare the ratio, not the absolute values.
//
//   npm run build && node bench/observer-cost.mjs [--iterations 2000000]
import { systemClock } from '@tessera/core';
import { silentObserver } from '@tessera/core/observer';
import { createTesseraMetrics } from '../apps/tessera/dist/create-tessera-metrics.js';

const index = process.argv.indexOf('--iterations');
const iterations = index === -1 ? 2_000_000 : Number(process.argv[index + 1]);
const { observer: prometheus, registry } = createTesseraMetrics({
  store: { countLiveSessions: () => Promise.resolve(0) },
  clock: systemClock,
});

/** Nanoseconds per iteration of `work`, best of five rounds (after a warm-up round). */
function measure(work) {
  let best = Infinity;
  for (let round = 0; round < 6; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) work(i);
    const ns = Number(process.hrtime.bigint() - started) / iterations;
    if (round > 0) best = Math.min(best, ns);
  }
  return best;
}

const modes = ['session-cookie', 'access-cookie', 'bearer'];
const perRequest = (observer) => (i) => {
  const startedAt = performance.now();
  observer.sessionAuthenticated(modes[i % 3], 'authenticated', (performance.now() - startedAt) / 1000);
};
const perLogin = (observer) => () => {
  observer.loginAttempted('success');
  observer.refreshed('success');
};

// The loop itself, without timing or observing: what is left after subtracting it is the cost.
const sink = { mode: '' };
const loopOnly = measure((i) => {
  sink.mode = modes[i % 3];
});
const silentRequest = measure(perRequest(silentObserver));
const promRequest = measure(perRequest(prometheus));
const silentLogin = measure(perLogin(silentObserver));
const promLogin = measure(perLogin(prometheus));
const scrapeStarted = process.hrtime.bigint();
await registry.metrics();
const scrapeMs = Number(process.hrtime.bigint() - scrapeStarted) / 1e6;

console.log(`iterations: ${iterations}; empty loop ${loopOnly.toFixed(1)} ns`);
console.log(
  `instrumentation per authenticated request (timing + observation): ${(promRequest - loopOnly).toFixed(1)} ns`,
);
console.log(
  `per authenticated request: silent ${silentRequest.toFixed(1)} ns, prom-client ${promRequest.toFixed(1)} ns ` +
    `(metrics add ${(promRequest - silentRequest).toFixed(1)} ns; ratio ${(promRequest / silentRequest).toFixed(2)}x)`,
);
console.log(
  `login + refresh counters: silent ${silentLogin.toFixed(1)} ns, prom-client ${promLogin.toFixed(1)} ns ` +
    `(metrics add ${(promLogin - silentLogin).toFixed(1)} ns)`,
);
console.log(`one scrape after the run: ${scrapeMs.toFixed(2)} ms`);

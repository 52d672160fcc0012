// Reads a V8 .cpuprofile (`node --cpu-prof`) and prints where the time went: self time by
// function and by file, largest first, as Markdown tables. Used to write docs/bench/pipeline-profile.md.
//
//   node bench/lib/summarize-cpu-profile.mjs <file.cpuprofile> [--top 25] [--per-request N] [--skip-ms M]
//
// With `--per-request N` (the requests served while profiling) each row also shows µs per request;
// `--skip-ms M` leaves out the first M ms of samples (start-up: module loading, key set-up) and
// the idle samples, so the shares are of the time spent serving.
import { readFileSync } from 'node:fs';

const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const path = process.argv[2];
if (path === undefined) throw new Error('usage: summarize-cpu-profile.mjs <file.cpuprofile>');
const top = Number(argument('--top') ?? 25);
const requests = Number(argument('--per-request') ?? Number.NaN);
const skipMicros = Number(argument('--skip-ms') ?? 0) * 1000;

const profile = JSON.parse(readFileSync(path, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
// timeDeltas[i] is the time before samples[i]: charge it to that sample's node.
let elapsed = 0;
for (let index = 0; index < profile.samples.length; index += 1) {
  const id = profile.samples[index];
  elapsed += profile.timeDeltas[index] ?? 0;
  if (elapsed < skipMicros || byId.get(id).callFrame.functionName === '(idle)') continue;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

const shortFile = (url) => {
  if (url === '') return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const marker = clean.lastIndexOf('node_modules/');
  if (marker !== -1) return clean.slice(marker + 'node_modules/'.length);
  return clean.replace(/^.*?\/(packages|apps)\//, '$1/');
};
const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
const byFunction = new Map();
const byFile = new Map();
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id);
  const file = shortFile(callFrame.url);
  const name = callFrame.functionName || '(anonymous)';
  add(byFunction, `${name} — ${file}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`, micros);
  add(byFile, file, micros);
}

const table = (title, map) => {
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  const perRequest = Number.isFinite(requests);
  console.log(`\n${title}\n`);
  console.log(`| self % | self ms |${perRequest ? ' µs/request |' : ''} where |`);
  console.log(`|---|---|${perRequest ? '---|' : ''}---|`);
  for (const [key, micros] of rows) {
    const share = ((100 * micros) / total).toFixed(1);
    const cells = [share, (micros / 1000).toFixed(0)];
    if (perRequest) cells.push((micros / requests).toFixed(2));
    console.log(`| ${cells.join(' | ')} | ${key.replaceAll('|', '\\|')} |`);
  }
};
console.log(
  `Profile ${path}: ${(total / 1e6).toFixed(2)} s busy (idle and the first ${skipMicros / 1000} ms left out)${Number.isFinite(requests) ? `, ${requests} requests` : ''}`,
);
table('Self time by function', byFunction);
table('Self time by file', byFile);

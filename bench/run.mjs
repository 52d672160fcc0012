// The benchmark suite: runs every bench script in turn (each writes its result as JSON), then prints
// one table per question and the targets (measured vs wanted), and writes docs/bench/results.json,
// one SVG chart per table (docs/bench/*.svg), docs/bench/README.md, and the tables into the
// Benchmarks section of the repository README (between its bench markers).
//
//   npm run bench                  the full suite (several minutes)
//   npm run bench:quick            the smoke version: smaller counts, results in a temporary directory
//   node bench/run.mjs [--quick] [--only name,name] [--out dir] [--huge]
// --huge is passed on to the session growth (PostgreSQL up to 10⁷ sessions: many minutes more).
// The scripts run the compiled packages (dist/); the npm scripts rebuild them first when stale.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { formatTable, parseBenchArgs } from './lib/bench-report.mjs';
import { renderTableChart } from './lib/render-bar-chart.mjs';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const args = parseBenchArgs(argv);
const valueOf = (name) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const only = valueOf('--only')?.split(',') ?? null;
const outDir =
  valueOf('--out') ?? (args.quick ? join(tmpdir(), 'tessera-bench-quick') : join(root, 'docs/bench'));

/** The questions of issues 6 and 17, in the order the README shows them. Missing scripts are skipped. */
const steps = [
  { name: 'verify-cost', question: 'JWT verify cost' },
  { name: 'auth-throughput', question: 'HTTP throughput' },
  { name: 'revocation-propagation', question: 'Revocation' },
  { name: 'login-storm', question: 'Login storm' },
  { name: 'sign-in-cost', question: 'Sign-in cost' },
  { name: 'session-growth', question: 'Session growth', passOn: ['--huge'] },
  { name: 'revocation-memory', question: 'Revocation-set memory' },
  { name: 'next-auth-cost', question: 'Next.js server components' },
].filter((step) => only === null || only.includes(step.name));

function runStep(step, jsonPath) {
  const script = join(root, 'bench', `${step.name}.mjs`);
  const passed = (step.passOn ?? []).filter((flag) => argv.includes(flag));
  const stepArgs = [script, '--json', jsonPath, ...(args.quick ? ['--quick'] : []), ...passed];
  return new Promise((resolve) => {
    // The script's tables go to its stdout, which the runner keeps (it prints them all at the end);
    // its progress lines (stderr) show as they come.
    const child = spawn(process.execPath, stepArgs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal === null ? 1 : 128), output }));
  });
}

const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
};
const startedAt = performance.now();
const workDir = mkdtempSync(join(tmpdir(), 'tessera-bench-run-'));
const results = [];
const failures = [];
const present = steps.filter((step) => existsSync(join(root, 'bench', `${step.name}.mjs`)));
for (const step of steps.filter((s) => !present.includes(s))) {
  process.stderr.write(`(bench/${step.name}.mjs is not in this checkout: skipped)\n`);
}
for (const [index, step] of present.entries()) {
  const stepStartedAt = performance.now();
  process.stderr.write(`[${index + 1}/${present.length}] ${step.name}${args.quick ? ' --quick' : ''}…\n`);
  const jsonPath = join(workDir, `${step.name}.json`);
  const { code, output } = await runStep(step, jsonPath);
  const seconds = Math.round((performance.now() - stepStartedAt) / 1000);
  if (code !== 0 || !existsSync(jsonPath)) {
    failures.push(step.name);
    process.stderr.write(
      `[${index + 1}/${present.length}] ${step.name} FAILED (exit ${code}) after ${seconds} s\n${output}`,
    );
    continue;
  }
  results.push({ ...JSON.parse(readFileSync(jsonPath, 'utf8')), question: step.question, seconds });
  process.stderr.write(`[${index + 1}/${present.length}] ${step.name} done in ${seconds} s\n`);
}
rmSync(workDir, { recursive: true, force: true });
const totalSeconds = Math.round((performance.now() - startedAt) / 1000);
machine.loadAverageAtEnd = loadavg().map((load) => Number(load.toFixed(2)));

const targets = results.flatMap((result) =>
  result.targets.map((target) => ({ bench: result.bench, ...target })),
);
const targetTable = {
  title: 'Targets',
  columns: ['bench', 'target', 'wanted', 'measured', 'met', 'when missed: what stands in the way'],
  rows: targets.map((t) => [
    t.bench,
    t.name,
    t.target,
    t.measured,
    t.met ? 'met' : 'missed',
    t.met ? '' : (t.obstacle ?? 'not profiled yet'),
  ]),
};

// Outputs: the JSON of the whole run, one chart per table, and a page that shows them.
mkdirSync(outDir, { recursive: true });
const charts = [];
for (const result of results) {
  result.tables.forEach((table, index) => {
    const svg = renderTableChart(table);
    const file = `${result.bench}${result.tables.length > 1 ? `-${index + 1}` : ''}.svg`;
    table.chartFile = svg === null ? null : file;
    if (svg !== null) {
      writeFileSync(join(outDir, file), svg);
      charts.push(file);
    }
  });
}
const run = {
  generatedAt: new Date().toISOString(),
  quick: args.quick,
  totalSeconds,
  machine,
  results,
  targets,
  failures,
};
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(run, null, 2)}\n`);
const written = [join(outDir, 'results.json'), join(outDir, 'README.md')];

const machineLine =
  `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; ` +
  `load average ${machine.loadAverageAtStart[0]} at the start, ${machine.loadAverageAtEnd[0]} at the end; ` +
  `${args.quick ? 'quick mode, ' : ''}${totalSeconds} s in all`;
/** The tables and charts as markdown; `chartPath` turns a chart file name into a link. */
function renderMarkdown(chartPath, headingLevel) {
  const heading = '#'.repeat(headingLevel);
  const parts = [];
  for (const result of results) {
    parts.push(`${heading} ${result.question} (\`bench/${result.bench}.mjs\`, ${result.seconds} s)`);
    for (const table of result.tables) {
      if (table.chartFile)
        parts.push(`![${table.title.replace(/[[\]]/g, '')}](${chartPath(table.chartFile)})`);
      parts.push(formatTable(table).replace(/^### /, '**').replace(/\n/, '**\n'));
    }
  }
  parts.push(formatTable(targetTable).replace(/^### (.*)/, `${heading} $1`));
  return parts.join('\n\n');
}
const page = [
  '# Benchmark results',
  '',
  `Measured by \`npm run bench\` on ${run.generatedAt.slice(0, 10)}: ${machineLine}. Ratios within one run`,
  'compare; absolute numbers drift with the machine and its load. Raw numbers: [results.json](results.json).',
  '',
  renderMarkdown((file) => file, 2),
  '',
].join('\n');
writeFileSync(join(outDir, 'README.md'), page);

// The repository README shows the same tables, between its markers, after a full run of everything.
const readmePath = join(root, 'README.md');
const startMarker = '<!-- bench:start -->';
const endMarker = '<!-- bench:end -->';
if (!args.quick && only === null && outDir === join(root, 'docs/bench') && existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  const from = readme.indexOf(startMarker);
  const to = readme.indexOf(endMarker);
  if (from !== -1 && to > from) {
    const section = [
      startMarker,
      '',
      `_Last full run: ${run.generatedAt.slice(0, 10)}, ${machineLine}._`,
      '',
      renderMarkdown((file) => `docs/bench/${file}`, 4),
      endMarker,
    ].join('\n');
    writeFileSync(readmePath, readme.slice(0, from) + section + readme.slice(to + endMarker.length));
    written.push(readmePath);
  }
}
// The written markdown and JSON are part of the repository, which prettier checks: format them.
const prettier = join(root, 'node_modules/prettier/bin/prettier.cjs');
if (existsSync(prettier))
  spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', ...written], { stdio: 'inherit' });

for (const result of results) {
  console.log(`\n## ${result.question} (${result.bench}, ${result.seconds} s)`);
  for (const table of result.tables) console.log(`\n${formatTable(table)}`);
}
console.log(`\n${formatTable(targetTable)}`);
console.log(`\n${machineLine}`);
console.log(
  `results: ${relative(process.cwd(), join(outDir, 'results.json')) || outDir}, charts: ${charts.length}`,
);
if (failures.length > 0) {
  console.error(`failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}

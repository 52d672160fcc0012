// What every bench script shares: its command line (--quick, --json <path>), percentiles, and the
// result it prints and writes: { bench, tables: [{ title, columns, rows }], targets: [{ name, target,
// measured, met, obstacle? }] }, `obstacle` saying what stands in the way of a missed target. The
// runner (bench/run.mjs) reads these files to print the tables and draw charts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** `--quick` and `--json <path>` from argv, plus a numeric option reader. */
export function parseBenchArgs(argv = process.argv.slice(2)) {
  const valueOf = (name) => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : argv[index + 1];
  };
  return {
    quick: argv.includes('--quick'),
    jsonPath: valueOf('--json') ?? null,
    number(name, fallback) {
      const value = valueOf(name);
      return value === undefined ? fallback : Number(value);
    },
  };
}

/** n, p50, p99 and max of a list of numbers (nearest-rank percentiles). */
export function summarize(values) {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

/** A number rounded for a table: 3 significant digits below 100, whole numbers above. */
export function round(value) {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

/** A markdown table. */
export function formatTable({ title, columns, rows }) {
  const line = (cells) => `| ${cells.map((cell) => String(cell)).join(' | ')} |`;
  return [`### ${title}`, '', line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A target row: `measured` compared with `limit` (`below`: measured must be under it). `obstacle`
 * says what stands in the way when it is missed, as far as profiling has found.
 */
export function checkTarget(name, measured, limit, unit, { below = true, obstacle } = {}) {
  const met = Number.isFinite(measured) && (below ? measured < limit : measured > limit);
  return {
    name,
    target: `${below ? '<' : '>'} ${limit}${unit}`,
    measured: `${round(measured)}${unit}`,
    met,
    ...(obstacle === undefined ? {} : { obstacle }),
  };
}

/** Prints the tables and targets, and writes the JSON file when `--json` asked for one. */
export function reportBench(result, jsonPath) {
  for (const table of result.tables) console.log(`\n${formatTable(table)}`);
  if (result.targets.length > 0) {
    console.log(
      `\n${formatTable({
        title: `${result.bench}: targets`,
        columns: ['target', 'wanted', 'measured', 'met'],
        rows: result.targets.map((t) => [t.name, t.target, t.measured, t.met ? 'met' : 'MISSED']),
      })}`,
    );
  }
  if (jsonPath !== null) {
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  }
}

/** Writes one progress line to stderr (stdout carries the tables). */
export function progress(message) {
  process.stderr.write(`  ${message}\n`);
}

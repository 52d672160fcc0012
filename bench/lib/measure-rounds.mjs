// Interleaved timing for in-process benchmarks: every contender runs one batch per round, in an
// order that rotates each round (A B C, B C A, C A B…), so machine drift and neighbours' load hit
// all of them alike; the answer is the median over rounds of the nanoseconds per call, both in
// this process's CPU time (process.cpuUsage: user + system, which leaves out the time spent
// waiting for a core that other processes hold) and in wall-clock time.

/**
 * A contender: `call(input)` is timed over `inputs`, taken in turn (so a pool of distinct tokens
 * defeats any cache and a pool of copies of one token measures a repeated one). `isAsync` awaits
 * each call, as a caller of a promise-returning API must.
 */
export function contender(name, call, inputs, { isAsync = false } = {}) {
  let cursor = 0;
  const runBatch = isAsync
    ? async (size) => {
        let last;
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (let i = 0; i < size; i += 1) {
          last = await call(inputs[cursor]);
          cursor = cursor + 1 === inputs.length ? 0 : cursor + 1;
        }
        const elapsed = Number(process.hrtime.bigint() - started);
        const { user, system } = process.cpuUsage(cpu);
        if (last === undefined) throw new Error(`${name} returned nothing`);
        return { cpu: ((user + system) * 1000) / size, wall: elapsed / size };
      }
    : (size) => {
        let last;
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (let i = 0; i < size; i += 1) {
          last = call(inputs[cursor]);
          cursor = cursor + 1 === inputs.length ? 0 : cursor + 1;
        }
        const elapsed = Number(process.hrtime.bigint() - started);
        const { user, system } = process.cpuUsage(cpu);
        if (last === undefined) throw new Error(`${name} returned nothing`);
        return { cpu: ((user + system) * 1000) / size, wall: elapsed / size };
      };
  return { name, runBatch };
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `warmupRounds` untimed rounds, then `rounds` timed ones of `batchSize` calls per contender,
 * rotating the order each round. Returns `Map<name, { cpu, wall, cpuRatio }>`: medians in ns per
 * call, and the median over rounds of the contender's CPU time divided by the first contender's in
 * the same round (a paired ratio: a round slowed down by a neighbour slows both sides of it).
 */
export async function measureRounds(contenders, { rounds, warmupRounds, batchSize }) {
  const samples = new Map(contenders.map((entry) => [entry.name, []]));
  for (let round = -warmupRounds; round < rounds; round += 1) {
    for (let step = 0; step < contenders.length; step += 1) {
      const entry = contenders[(step + Math.max(round, 0)) % contenders.length];
      const nanoseconds = await entry.runBatch(batchSize);
      if (round >= 0) samples.get(entry.name).push(nanoseconds);
    }
  }
  const baseline = samples.get(contenders[0].name);
  return new Map(
    [...samples].map(([name, values]) => [
      name,
      {
        cpu: median(values.map((value) => value.cpu)),
        wall: median(values.map((value) => value.wall)),
        cpuRatio: median(values.map((value, round) => value.cpu / baseline[round].cpu)),
      },
    ]),
  );
}

/** Prints rows as an aligned text table under a title. */
export function printTable({ title, columns, rows }) {
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...rows.map((row) => String(row[index]).length)),
  );
  const line = (cells) =>
    cells
      .map((cell, index) =>
        index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]),
      )
      .join('  ');
  console.log(`\n${title}\n${line(columns)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

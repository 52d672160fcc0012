// The load generator, in a process of its own so that it can be pinned to a core apart from the
// server: runs autocannon with the JSON options given as the only argument and prints the
// result's numbers as one JSON line.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}');
const result = await autocannon({ ...options, renderProgressBar: false });
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    durationSeconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  })}\n`,
);

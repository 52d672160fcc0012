// The compiled Tessera server (apps/tessera/dist) started in this process, with the event-loop delay
// measured from inside it (perf_hooks.monitorEventLoopDelay) and handed to the parent over IPC, so
// nothing bench-only is added to the server itself. Run with child_process.fork; the environment is
// the server's usual configuration. Messages: {type: 'reset'} starts a new measurement window,
// {type: 'read'} answers {type: 'lag', p50Ms, p99Ms, maxMs, samples, utilization}. Sends {type: 'ready', url}.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../../apps/tessera/dist/load-config.js';
import { startServer } from '../../apps/tessera/dist/start-server.js';

/** Timer period of the monitor; its own period is subtracted from every reading. */
const RESOLUTION_MS = 1;

const running = await startServer(loadConfig(process.env));
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
let utilizationFrom = performance.eventLoopUtilization();
const lagMs = (nanoseconds) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);

process.on('message', (message) => {
  if (message.type === 'reset') {
    histogram.reset();
    utilizationFrom = performance.eventLoopUtilization();
    process.send({ type: 'reset' });
  } else if (message.type === 'read') {
    process.send({
      type: 'lag',
      p50Ms: lagMs(histogram.percentile(50)),
      p99Ms: lagMs(histogram.percentile(99)),
      maxMs: lagMs(histogram.max),
      samples: histogram.count,
      // The share of the window the loop spent running JavaScript (not waiting for I/O or timers):
      // high lag with low utilization means the process was waiting for a core, not busy.
      utilization: performance.eventLoopUtilization(utilizationFrom).utilization,
    });
  } else if (message.type === 'stop') {
    histogram.disable();
    void running.close().then(() => process.exit(0));
  }
});
process.send({ type: 'ready', url: running.url });

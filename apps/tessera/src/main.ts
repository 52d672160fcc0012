import { ConfigError, loadConfig } from './load-config.js';
import { createJsonLogger } from './create-json-logger.js';
import { startServer } from './start-server.js';

const logger = createJsonLogger((line) => process.stdout.write(line));

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`tessera: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const startedAt = performance.now();
const running = await startServer(config, { logger });
logger.info('tessera listening', {
  url: running.url,
  dataDir: config.dataDir,
  startupMs: Math.round(performance.now() - startedAt),
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: finishing in-flight requests', { signal });
    running.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      () => process.exit(1),
    );
  });
}

import { createJsonLogger } from './create-json-logger.js';
import { ConfigError, loadConfig, type Environment } from './load-config.js';
import { startServer } from './start-server.js';

/**
 * Starts the server from the environment, logs JSON lines to stdout, and shuts down gracefully on
 * SIGINT/SIGTERM (finishing in-flight requests). A bad configuration exits 1 with a message that
 * names the variable.
 *
 * @example
 * await runServer(process.env);
 */
export async function runServer(env: Environment): Promise<void> {
  const logger = createJsonLogger((line) => process.stdout.write(line));
  let config;
  try {
    config = loadConfig(env);
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
    cookieMode: config.http.cookieMode,
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
          logger.flush();
          process.exit(0);
        },
        () => {
          logger.flush();
          process.exit(1);
        },
      );
    });
  }
}

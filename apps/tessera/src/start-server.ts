import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTesseraDeps,
  silentLogger,
  systemClock,
  type Clock,
  type Logger,
  type TesseraDeps,
  type TesseraStore,
} from '@tessera/core';
import type { RouteSignature } from '@tessera/core/api';
import { createOutboxMailer, createSmtpMailer, type Mailer } from '@tessera/core/mail';
import { join } from 'node:path';
import { createOAuthService } from '@tessera/core/oauth';
import type { PasswordHasher } from '@tessera/core/password';
import { answerClientError, createNodeListener, createTesseraHttp } from '@tessera/http/node';
import { createMetricsRoute } from './create-metrics-route.js';
import { createOpenApiRoute } from './create-openapi-route.js';
import { openApiDocument } from './openapi-document.js';
import { createTesseraMetrics } from './create-tessera-metrics.js';
import type { ServerConfig } from './load-config.js';
import { loadServerSecrets } from './load-server-secrets.js';
import { openStore } from './open-store.js';
import { createUiRoutes } from './ui/routes/ui-routes.js';
import { loadUiAssets } from './ui/load-ui-assets.js';
import { providerName } from './ui/render-provider-buttons.js';

/** Overrides for tests and embedding; production uses the defaults. */
export interface StartServerOptions {
  clock?: Clock;
  logger?: Logger;
  store?: TesseraStore;
  passwordHasher?: PasswordHasher;
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownGraceMs?: number;
}

/** A running auth server. */
export interface RunningServer {
  server: Server;
  store: TesseraStore;
  /** The wired engine (tests and the CLI read keys and revocations through it). */
  deps: TesseraDeps;
  /**
   * Every (method, path) of the API the server answers, the web UI's pages left out (the OpenAPI
   * drift test compares the document with it).
   */
  routes: readonly RouteSignature[];
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes the store. Idempotent. */
  close(): Promise<void>;
}

/** How often expired sessions, throttle counters, revocations and keys are swept from the store. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/**
 * How often the durable revocation log is read when no Redis stream pushes it (SQLite, PostgreSQL
 * alone), so a revocation written by the CLI or another process reaches this one: one indexed
 * read that usually finds nothing (docs/decisions/0019-revocations-without-redis.md).
 */
const REVOCATION_POLL_INTERVAL_SECONDS = 0.2;
/** How often signing keys are re-read from the store. */
const KEY_RELOAD_INTERVAL_MS = 60 * 1000;

/**
 * The composition root: the only place where real dependencies are wired together.
 *
 * @example
 * const running = await startServer(loadConfig(process.env));
 */
export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const store = options.store ?? (await openStore(config, logger));
  const secrets = loadServerSecrets(config.secret, config.dataDir, logger);
  const metrics = createTesseraMetrics({ store, clock: options.clock ?? systemClock, logger });
  const mailer = createMailer(config, logger);
  const deps = await createTesseraDeps({
    store,
    secrets,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.passwordHasher ? { passwordHasher: options.passwordHasher } : {}),
    ...config.deps,
    revocationPollIntervalSeconds: REVOCATION_POLL_INTERVAL_SECONDS,
    logger,
    observer: metrics.observer,
    email: { ...config.deps.email, mailer },
  });
  // The same factory the adapters use: it checks the HTTP options and applies their defaults. One
  // router serves the API, the server's own routes and the web UI: the same HEAD, 405, headers and
  // CSRF (the pages answer their problems in HTML).
  const oauth =
    config.oauth.providers.length === 0
      ? null
      : createOAuthService({
          ...config.oauth,
          publicUrl: config.publicUrl,
          secrets,
          ...(config.deps.tokens.clockSkewSeconds === undefined
            ? {}
            : { clockSkewSeconds: config.deps.tokens.clockSkewSeconds }),
          logger,
        });
  const ui = loadUiAssets();
  if (ui.missing.length > 0) {
    logger.warn('web UI scripts not built; pages work without them (run npm run build)', {
      missing: ui.missing.join(', '),
    });
  }
  // The web UI's pages are routes of the same router; each form post is one in-process call to it
  // (always an `/auth/…` path), bound here once the router exists. What the router works out from
  // the HTTP options (the cookie names, whether passkeys are on) the pages read from its route
  // services, per request.
  const pages = createUiRoutes({
    api: (request) => tessera.handle(request),
    authenticate: (request) => tessera.authenticate(request),
    cookieMode: config.http.cookieMode,
    clock: deps.clock,
    logger,
    assets: ui.assets,
    providers: config.oauth.providers.map((provider) => ({
      id: provider.id,
      name: providerName(provider.id),
    })),
  });
  const tessera = createTesseraHttp({
    deps,
    ...config.http,
    oauth,
    logger,
    extraRoutes: [
      createMetricsRoute(metrics.registry, config.metricsToken),
      createOpenApiRoute(openApiDocument),
      ...pages,
    ],
  });
  const handler = tessera.handle;
  const pageRoutes = new Set(pages.map((page) => `${page.method} ${page.path}`));
  const shutdown = new AbortController();
  // Every in-flight request listens for shutdown: that is expected, not a leak.
  setMaxListeners(0, shutdown.signal);
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
    createNodeListener(handler, {
      bodyLimitBytes: tessera.bodyLimitBytes,
      logger,
      shutdownSignal: shutdown.signal,
    }),
  );
  // A request Node cannot parse still gets its answer, even from a client that is still sending.
  server.on('clientError', answerClientError);
  const sweep = setInterval(() => {
    const now = deps.clock.now();
    // Every store part with a lifetime, by name: the log line counts what each one dropped.
    const sweeps = {
      sessions: deps.store.deleteExpiredSessions(now),
      counters: deps.store.deleteExpiredCounters(now),
      revocations: deps.store.deleteExpiredRevocations(now),
      keys: deps.store.deleteExpiredSigningKeys(now),
      emailTokens: deps.store.deleteExpiredEmailTokens(now),
      pendingLogins: deps.store.deleteExpiredPendingLogins(now),
      challenges: deps.store.deleteExpiredWebAuthnChallenges(now),
    };
    Promise.all(Object.values(sweeps)).then(
      (counts) => {
        if (counts.some((count) => count > 0)) {
          const names = Object.keys(sweeps);
          logger.info(
            'expired records swept',
            Object.fromEntries(names.map((name, i) => [name, counts[i] ?? 0])),
          );
        }
      },
      () => logger.warn('sweep of expired records failed'),
    );
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  // Keys rotated by the CLI or another instance are picked up (and published) within a minute.
  const keyReload = setInterval(() => {
    deps.tokens.keyRing.reload().catch(() => logger.warn('signing-key reload failed'));
  }, KEY_RELOAD_INTERVAL_MS);
  keyReload.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweep);
      clearInterval(keyReload);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      shutdown.abort();
      const feedStopped = deps.revocationFeed.stop();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await closed;
      clearTimeout(timer);
      await feedStopped;
      await mailer.close?.();
      await store.close();
    })();
    return closing;
  };
  // The API document's routes: the pages are not part of it.
  const routes = handler.routes.filter((route) => !pageRoutes.has(`${route.method} ${route.path}`));
  return { server, store, deps, routes, url: `http://${host}:${address.port}`, close };
}

/**
 * SMTP when `TESSERA_SMTP_URL` is set; otherwise (development, `npm start` on a new machine) the
 * outbox folder, said once at start-up so a newcomer knows where the verification link went.
 */
function createMailer(config: ServerConfig, logger: Logger): Mailer {
  if (config.smtp.url !== null) {
    return createSmtpMailer({ ...config.smtp, url: config.smtp.url });
  }
  const directory = join(config.dataDir, 'outbox');
  logger.info('no TESSERA_SMTP_URL: mail is written to the outbox folder as .eml files', { directory });
  return createOutboxMailer({ directory, logger });
}

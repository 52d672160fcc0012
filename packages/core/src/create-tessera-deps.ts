import { RevocationSet, type FeedLossPolicy } from '@tessera/verify';
import type { JWK } from 'jose';
import { resolveLoginThrottlePolicy, type LoginThrottlePolicy } from './account/login-throttle-policy.js';
import type { TesseraDeps } from './account/tessera-deps.js';
import { systemClock, type Clock } from './clock.js';
import {
  checkSetting,
  DEFAULT_FEED_LOSS_POLICY,
  DEFAULT_FEED_MAX_SILENCE_SECONDS,
  DEFAULT_SESSION_CACHE_MAX_SESSIONS,
  DEFAULT_SESSION_CACHE_USER_TTL_SECONDS,
  DEFAULT_SIGNING_ALGORITHM,
} from './defaults.js';
import { KeyedLock } from './lib/keyed-lock.js';
import { createPasswordHasher, type PasswordHasher } from './password/password-hasher.js';
import { cryptoRandomBytes, type RandomBytes } from './random.js';
import { readFeedEntry } from './revocation/feed-entry.js';
import { feedLossPolicies } from './revocation/feed-loss-policies.js';
import { RevocationFeed } from './revocation/revocation-feed.js';
import type { ServerSecrets } from './secret/server-secrets.js';
import { resolveSessionPolicy, type SessionPolicy } from './session/session-policy.js';
import { SessionCache, type SessionCacheOptions } from './session/session-cache.js';
import { silentLogger, type Logger } from './logger.js';
import { DEFAULT_EMAIL_FROM } from './defaults.js';
import type { EmailDeps } from './mail/email-deps.js';
import { resolveEmailPolicy, type EmailPolicy } from './mail/email-policy.js';
import { defaultEmailTemplates, type EmailTemplates } from './mail/email-templates.js';
import { noMailer, type Mailer } from './mail/mailer.js';
import { silentObserver, type TesseraObserver } from './observer/tessera-observer.js';
import type { SigningAlgorithm } from './store/signing-key-store.js';
import type { TesseraStore } from './store/tessera-store.js';
import { KeyRing } from './token/key-ring.js';
import { resolveTokenPolicy } from './token/resolve-token-policy.js';
import { TokenService, type TokenPolicy } from './token/token-service.js';

/**
 * Options of `createTesseraDeps`; the store, the secrets and the token identity are required. Every
 * other option has its default in defaults.ts.
 *
 * @example
 * const options: TesseraDepsOptions = {
 *   store: openSqliteStore({ path: 'data/tessera.db' }),
 *   secrets: parseServerSecrets(secret, 'TESSERA_SECRET'),
 *   tokens: { issuer: 'https://auth.example.com', audience: 'https://api.example.com' },
 *   session: { idleTimeoutSeconds: 3600 },
 * };
 * const deps = await createTesseraDeps(options);
 */
export interface TesseraDepsOptions {
  store: TesseraStore;
  /** `TESSERA_SECRET`: seals private keys at rest and keys the refresh chain. */
  secrets: ServerSecrets;
  clock?: Clock;
  randomBytes?: RandomBytes;
  passwordHasher?: PasswordHasher;
  session?: Partial<SessionPolicy>;
  throttle?: Partial<LoginThrottlePolicy>;
  tokens: Pick<TokenPolicy, 'issuer' | 'audience'> & Partial<TokenPolicy>;
  /** Algorithm of generated signing keys (default EdDSA, defaults.ts). */
  signingAlgorithm?: SigningAlgorithm;
  /** `TESSERA_SIGNING_KEYS`: externally managed private JWKs instead of generated ones. */
  signingKeys?: readonly JWK[] | null;
  /**
   * What this instance does with access tokens when it cannot follow the shared revocation feed
   * (only with a shared store): refuse them once the feed has been silent this long, or accept
   * them until they expire. Default: fail closed after 10 s (defaults.ts).
   */
  feedLoss?: { policy?: FeedLossPolicy; maxSilenceSeconds?: number };
  /**
   * With a store that cannot push revocations (SQLite, PostgreSQL without Redis), read its durable
   * log this often, so revocations written by another process (the CLI) reach this one. Default:
   * not polled (a store only this process writes).
   */
  revocationPollIntervalSeconds?: number;
  /** Local session cache sizes (defaults: 100,000 sessions, users trusted 30 s). */
  sessionCache?: Partial<SessionCacheOptions>;
  logger?: Logger;
  /** Told about logins, refreshes, revocations and failures (metrics); default: `silentObserver`. */
  observer?: TesseraObserver;
  /** Account mail (DESIGN §7). Without a mailer, every message fails (resend answers 503). */
  email?: EmailOptions;
}

/** Options of account mail; every one has a default (defaults.ts). */
export interface EmailOptions {
  mailer?: Mailer;
  /** `TESSERA_EMAIL_FROM` (default `Tessera <no-reply@localhost>`). */
  from?: string;
  /** `TESSERA_PUBLIC_URL` as an origin, the base of every link (default `http://localhost`). */
  publicUrl?: string;
  /** Replace some or all of the messages. */
  templates?: Partial<EmailTemplates>;
  policy?: Partial<EmailPolicy>;
}

/**
 * Fills in the email defaults and checks them: a sender or public URL that could smuggle a header
 * or a path into a message is refused at start-up.
 *
 * @example
 * const email = resolveEmailDeps({ from: 'Example <no-reply@example.com>', publicUrl: 'https://auth.example.com' }, logger);
 */
export function resolveEmailDeps(options: EmailOptions = {}, logger: Logger = silentLogger): EmailDeps {
  const from = options.from ?? DEFAULT_EMAIL_FROM;
  // eslint-disable-next-line no-control-regex
  if (typeof from !== 'string' || from.trim() === '' || /[\u0000-\u001f\u007f]/u.test(from)) {
    throw new TypeError('email.from must be a sender address without control characters');
  }
  const publicUrl = options.publicUrl ?? 'http://localhost';
  let origin: string;
  try {
    origin = new URL(publicUrl).origin;
  } catch {
    throw new TypeError('email.publicUrl must be an http:// or https:// origin');
  }
  if (origin !== publicUrl.replace(/\/$/, '') || !/^https?:$/.test(new URL(publicUrl).protocol)) {
    throw new TypeError('email.publicUrl must be an http:// or https:// origin');
  }
  return {
    mailer: options.mailer ?? noMailer,
    from,
    publicUrl: origin,
    templates: { ...defaultEmailTemplates, ...options.templates },
    policy: resolveEmailPolicy(options.policy),
    logger,
  };
}

/**
 * Wires the engine's dependencies with secure defaults (DESIGN §3, §4), validates the policy
 * (a bad value throws `TypeError` here, at start-up, not on the first request), opens the signing
 * keys (creating the first one if there is none) and fills the revocation set from the log.
 *
 * @example
 * const deps = await createTesseraDeps({ store, secrets, tokens: { issuer, audience } });
 */
export async function createTesseraDeps(options: TesseraDepsOptions): Promise<TesseraDeps> {
  // Every default and range lives in defaults.ts; a bad value throws here, at start-up.
  const throttle = resolveLoginThrottlePolicy(options.throttle);
  const email = resolveEmailDeps(options.email, options.logger);
  const tokenPolicy = resolveTokenPolicy(options.tokens);
  const policy = resolveSessionPolicy(options.session);
  const feedLoss = {
    policy: options.feedLoss?.policy ?? DEFAULT_FEED_LOSS_POLICY,
    maxSilenceSeconds: checkSetting(
      'maxSilenceSeconds',
      options.feedLoss?.maxSilenceSeconds ?? DEFAULT_FEED_MAX_SILENCE_SECONDS,
    ),
  };
  if (!feedLossPolicies.includes(feedLoss.policy)) {
    throw new TypeError('feedLoss.policy must be "fail-closed" or "accept-until-expiry"');
  }

  const clock = options.clock ?? systemClock;
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  const keyRing = await KeyRing.open({
    store: options.store,
    secrets: options.secrets,
    clock,
    algorithm: options.signingAlgorithm ?? DEFAULT_SIGNING_ALGORITHM,
    accessTokenTtlSeconds: tokenPolicy.accessTokenTtlSeconds,
    clockSkewSeconds: tokenPolicy.clockSkewSeconds,
    staticKeys: options.signingKeys ?? null,
  });

  const revocationFeed = new RevocationFeed(
    options.store,
    tokenPolicy.accessTokenTtlSeconds + tokenPolicy.clockSkewSeconds,
    {
      clock,
      pollIntervalSeconds: options.revocationPollIntervalSeconds ?? null,
      sessionLifetimeSeconds: Math.min(policy.idleTimeoutSeconds, policy.absoluteTimeoutSeconds),
      ...(options.logger ? { logger: options.logger } : {}),
    },
  );
  // In one process the set is filled straight from the feed and cannot fall behind; with a
  // shared store it follows the log, and losing it is handled by the configured policy.
  const revocations = revocationFeed.shared
    ? new RevocationSet({
        onFeedLoss: feedLoss.policy,
        maxFeedSilenceSeconds: feedLoss.maxSilenceSeconds,
        createdAt: clock.now(),
      })
    : RevocationSet.local();
  const sessionCache = new SessionCache(
    options.store,
    clock,
    {
      maxSessions: options.sessionCache?.maxSessions ?? DEFAULT_SESSION_CACHE_MAX_SESSIONS,
      userTtlSeconds: options.sessionCache?.userTtlSeconds ?? DEFAULT_SESSION_CACHE_USER_TTL_SECONDS,
    },
    revocations,
  );
  const observer = options.observer ?? silentObserver;
  // The backlog loaded at start-up is not propagation: only entries that arrive while running are timed.
  let started = false;
  revocationFeed.subscribe((entries) => {
    const appliedAtMillis = clock.now().getTime();
    for (const entry of entries) {
      const said = readFeedEntry(entry);
      switch (said.kind) {
        case 'session-revoked':
          revocations.add(said.sessionId, entry.expiresAt);
          sessionCache.invalidateSession(said.sessionId);
          if (started) observer.revocationApplied((appliedAtMillis - entry.revokedAt.getTime()) / 1000);
          break;
        case 'session-changed':
          sessionCache.invalidateSession(said.sessionId);
          break;
        case 'user-changed':
          sessionCache.invalidateUser(said.userId);
          break;
        case 'unknown':
          break;
      }
    }
  });
  revocationFeed.onStateChange(({ healthy, at }) => {
    if (healthy) revocations.markFeedHealthy(at);
    else {
      revocations.markFeedLost(at);
      observer.storeFailed('revocation-feed');
    }
    sessionCache.setEnabled(healthy);
  });
  await revocationFeed.loadBacklog();
  if (revocationFeed.shared) revocations.markFeedHealthy(clock.now());
  revocationFeed.start();
  started = true;

  return {
    store: options.store,
    clock,
    randomBytes,
    passwordHasher: options.passwordHasher ?? createPasswordHasher(),
    policy,
    throttle,
    loginLock: new KeyedLock(),
    tokens: new TokenService({
      policy: tokenPolicy,
      keyRing,
      revocations,
      secrets: options.secrets,
      clock,
      randomBytes,
    }),
    revocationFeed,
    sessionCache,
    observer,
    secrets: options.secrets,
    email,
  };
}

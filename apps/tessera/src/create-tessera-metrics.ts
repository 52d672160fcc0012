import { silentLogger, type Clock, type Logger } from '@tessera/core';
import type {
  AuthenticationMode,
  AuthenticationOutcome,
  LoginOutcome,
  MailKind,
  RateLimitScope,
  RefreshOutcome,
  TesseraObserver,
} from '@tessera/core/observer';
import type { RevocationReason } from '@tessera/core/session';
import type { SessionStore } from '@tessera/core/store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { TalliedHistogram, type BucketTally } from './tallied-histogram.js';

/** The server's metrics: the observer the engine reports to, and the registry `/metrics` renders. */
export interface TesseraMetrics {
  observer: TesseraObserver;
  registry: Registry;
}

/** How long a counted number of live sessions is reused: scrapes stay cheap, the gauge stays fresh. */
const ACTIVE_SESSIONS_CACHE_SECONDS = 10;

/** Checking a proof takes microseconds (cached session, verified JWT) to milliseconds (store read). */
const AUTHENTICATION_BUCKETS_SECONDS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
];
/** Revocations are applied locally at once; between instances within tens of milliseconds; seconds is trouble. */
const PROPAGATION_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const LOGIN_OUTCOMES: readonly LoginOutcome[] = ['success', 'failure', 'throttled'];
const REFRESH_OUTCOMES: readonly RefreshOutcome[] = ['success', 'invalid', 'reused'];
const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ['account', 'ip', 'registration', 'email'];
const MAIL_KINDS: readonly MailKind[] = [
  'password-reset',
  'email-verify',
  'email-change',
  'email-change-notice',
  'email-changed',
  'password-changed',
  'account-exists',
];
const AUTHENTICATION_MODES: readonly AuthenticationMode[] = ['session-cookie', 'access-cookie', 'bearer'];
/** Shown as 0 from the start; a reason added later is counted all the same, from its first use. */
const REVOCATION_REASONS: readonly RevocationReason[] = [
  'logout',
  'logout-all',
  'device-removed',
  'password-changed',
  'session-limit',
  'new-login',
  'refresh-token-reused',
];

/**
 * Builds the Prometheus metrics of one server on a registry of its own (plus Node's default process
 * metrics), and the observer that feeds them. Every label value comes from a small closed set (an
 * outcome, a mode, a reason, a route pattern): never a user id, email, address or token.
 *
 * Per-request work is one `performance.now()` pair in core and one observation into a tally kept
 * for that label combination (`TalliedHistogram`: plain numbers, no label hashing, no allocation).
 * Counters use prom-client directly: they count events that cost milliseconds (a password hash, a
 * store write), next to which its per-call label hashing is noise. Active sessions are counted in the store
 * when scraped (cached for 10 s): correct across any number of instances, and restarts, which
 * per-instance increments are not.
 *
 * @example
 * const metrics = createTesseraMetrics({ store, clock });
 * const text = await metrics.registry.metrics();
 */
export function createTesseraMetrics(options: {
  store: Pick<SessionStore, 'countLiveSessions'>;
  clock: Clock;
  logger?: Logger;
}): TesseraMetrics {
  const { store, clock } = options;
  const logger = options.logger ?? silentLogger;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const logins = new Counter({
    name: 'tessera_logins_total',
    help: 'Password sign-ins by outcome (success, failure, throttled); the sign-in after a registration counts as a success.',
    labelNames: ['outcome'],
    registers,
  });
  const refreshes = new Counter({
    name: 'tessera_refreshes_total',
    help: 'Refresh-token exchanges by outcome (success, invalid, reused).',
    labelNames: ['outcome'],
    registers,
  });
  const reuseDetections = new Counter({
    name: 'tessera_refresh_token_reuse_detections_total',
    help: 'Refresh tokens presented again after rotation (theft detected: the session was revoked).',
    registers,
  });
  const revocations = new Counter({
    name: 'tessera_revocations_total',
    help: 'Sessions revoked, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const passkeyCeremonies = new Counter({
    name: 'tessera_passkey_ceremonies_total',
    help: 'Passkey registrations and sign-ins answered, by ceremony (registration, authentication) and outcome (success, failure).',
    labelNames: ['ceremony', 'outcome'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'tessera_rate_limited_total',
    help: 'Login and registration attempts refused by the throttle, by the limit reached (account: per account and client IP; ip: per client IP; registration: registrations per client IP; email: mail requests per client IP).',
    labelNames: ['scope'],
    registers,
  });
  const secondFactorChecks = new Counter({
    name: 'tessera_second_factor_checks_total',
    help: 'Second-factor codes checked at sign-in or reauthentication, by factor (totp, recovery_code) and outcome (success, failure).',
    labelNames: ['factor', 'outcome'],
    registers,
  });
  for (const factor of ['totp', 'recovery_code']) {
    for (const outcome of ['success', 'failure']) secondFactorChecks.labels(factor, outcome).inc(0);
  }
  const storeErrors = new Counter({
    name: 'tessera_store_errors_total',
    help: 'Store faults (answered 503 or losing the revocation feed), by operation (route pattern or background task).',
    labelNames: ['operation'],
    registers,
  });
  const mails = new Counter({
    name: 'tessera_mails_total',
    help: 'Account mails (reset links, verification links, notices) by kind and outcome (sent: the mail server or the outbox took it; failed).',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const authentication = new TalliedHistogram({
    name: 'tessera_authentication_duration_seconds',
    help: 'Time to check the proof of session a request presented, by mode and outcome.',
    labelNames: ['mode', 'outcome'],
    buckets: AUTHENTICATION_BUCKETS_SECONDS,
    registers,
  });
  const propagation = new Histogram({
    name: 'tessera_revocation_propagation_seconds',
    help: "Time from a revocation's revokedAt to when this instance applied it (feed lag).",
    buckets: PROPAGATION_BUCKETS_SECONDS,
    registers,
  });

  let counted: { value: number; atMillis: number } | null = null;
  new Gauge({
    name: 'tessera_active_sessions',
    help: 'Live sessions in the store, all instances together (counted on scrape, cached 10 s).',
    registers,
    async collect() {
      const now = clock.now();
      if (counted === null || now.getTime() - counted.atMillis >= ACTIVE_SESSIONS_CACHE_SECONDS * 1000) {
        try {
          counted = { value: await store.countLiveSessions(now), atMillis: now.getTime() };
        } catch {
          // A scrape must still answer: keep the last count and say the store failed.
          storeErrors.labels('active-sessions-count').inc();
          logger.warn('counting active sessions failed');
        }
      }
      if (counted !== null) this.set(counted.value);
    },
  });

  // Known label values show up as 0 from the first scrape, so dashboards and rate() have a series.
  const loginChildren = childrenOf(logins, LOGIN_OUTCOMES);
  const refreshChildren = childrenOf(refreshes, REFRESH_OUTCOMES);
  const rateLimitChildren = childrenOf(rateLimited, RATE_LIMIT_SCOPES);
  childrenOf(revocations, REVOCATION_REASONS);
  const authenticationTallies = {} as Record<AuthenticationMode, Record<AuthenticationOutcome, BucketTally>>;
  for (const mode of AUTHENTICATION_MODES) {
    authenticationTallies[mode] = {
      authenticated: authentication.tally({ mode, outcome: 'authenticated' }),
      refused: authentication.tally({ mode, outcome: 'refused' }),
    };
  }
  childrenOf(revocations, REVOCATION_REASONS);
  const authenticationChildren = {} as Record<
    AuthenticationMode,
    Record<AuthenticationOutcome, { observe(value: number): void }>
  >;
  for (const mode of AUTHENTICATION_MODES) {
    authentication.zero({ mode, outcome: 'authenticated' });
    authentication.zero({ mode, outcome: 'refused' });
    authenticationChildren[mode] = {
      authenticated: authentication.labels(mode, 'authenticated'),
      refused: authentication.labels(mode, 'refused'),
    };
  }
  reuseDetections.inc(0);
  for (const kind of MAIL_KINDS) {
    mails.labels(kind, 'sent').inc(0);
    mails.labels(kind, 'failed').inc(0);
  }
  for (const ceremony of ['registration', 'authentication'] as const) {
    for (const outcome of ['success', 'failure'] as const) passkeyCeremonies.labels(ceremony, outcome).inc(0);
  }

  const observer: TesseraObserver = {
    loginAttempted(outcome) {
      loginChildren[outcome].inc();
    },
    sessionAuthenticated(mode, outcome, seconds) {
      authenticationTallies[mode][outcome].observe(seconds);
    },
    refreshed(outcome) {
      refreshChildren[outcome].inc();
      if (outcome === 'reused') reuseDetections.inc();
    },
    revoked(reason, count) {
      revocations.labels(reason).inc(count);
    },
    rateLimited(scope) {
      rateLimitChildren[scope].inc();
    },
    storeFailed(operation) {
      storeErrors.labels(operation).inc();
    },
    secondFactorChecked(factor, outcome) {
      secondFactorChecks.labels(factor, outcome).inc();
    },
    passkeyCeremony(ceremony, outcome) {
      passkeyCeremonies.labels(ceremony, outcome).inc();
    },
    revocationApplied(lagSeconds) {
      // Clocks of two instances can disagree by a little: a negative lag is reported as none.
      propagation.observe(Math.max(0, lagSeconds));
    },
    mailSent(kind, outcome) {
      mails.labels(kind, outcome).inc();
    },
  };
  return { observer, registry };
}

function childrenOf<L extends string>(counter: Counter, values: readonly L[]) {
  const children = {} as Record<L, { inc(value?: number): void }>;
  for (const value of values) {
    const child = counter.labels(value);
    child.inc(0);
    children[value] = child;
  }
  return children;
}

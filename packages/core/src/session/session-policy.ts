import {
  checkSetting,
  DEFAULT_ABSOLUTE_TIMEOUT_SECONDS,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_REAUTH_MAX_AGE_SECONDS,
  DEFAULT_SESSION_LIMIT_POLICY,
} from '../defaults.js';

/**
 * What happens when a user who already has `maxSessionsPerUser` sessions logs in again.
 *
 * @example
 * const sessionLimitPolicy: SessionLimitPolicy = 'refuse'; // the sixth login answers 409 session_limit_reached
 * const session = resolveSessionPolicy({ maxSessionsPerUser: 5, sessionLimitPolicy });
 */
export type SessionLimitPolicy = 'evict-oldest' | 'refuse';

/**
 * Every `SessionLimitPolicy`, for checking a value that was not type-checked (environment, JavaScript).
 *
 * @example
 * sessionLimitPolicies.includes(process.env['POLICY'] as SessionLimitPolicy)
 */
export const sessionLimitPolicies: readonly SessionLimitPolicy[] = ['evict-oldest', 'refuse'];

/**
 * Session lifetimes and limits. Every duration is in seconds.
 *
 * @example
 * const policy: SessionPolicy = resolveSessionPolicy({ idleTimeoutSeconds: 3600, maxSessionsPerUser: 10 });
 * policy.activityUpdateIntervalSeconds; // 360
 */
export interface SessionPolicy {
  /** A session unused for this long expires (DESIGN §4 default: 2 hours; at least 10 s). */
  idleTimeoutSeconds: number;
  /** A session expires this long after login, however active (DESIGN §4 default: 30 days). */
  absoluteTimeoutSeconds: number;
  /**
   * Last-seen and idle expiry are written at most once per this interval, not on every request;
   * the idle expiry is therefore accurate to within this interval.
   */
  activityUpdateIntervalSeconds: number;
  /** `null`: no cap. */
  maxSessionsPerUser: number | null;
  sessionLimitPolicy: SessionLimitPolicy;
  /**
   * Sensitive routes need the session's last authentication within this long, else 403
   * `reauthentication_required` (DESIGN §9, `TESSERA_REAUTH_MAX_AGE`; default 600 s).
   */
  reauthMaxAgeSeconds: number;
}

/** One tenth of the idle window: at most ~10 writes per idle period and an idle expiry within 10 % of exact. */
const ACTIVITY_UPDATE_FRACTION = 0.1;

/**
 * Fills in defaults and validates a session policy; a bad value is a caller bug (TypeError).
 *
 * @example
 * resolveSessionPolicy({ idleTimeoutSeconds: 3600 })
 */
export function resolveSessionPolicy(input: Partial<SessionPolicy> = {}): SessionPolicy {
  const idleTimeoutSeconds = checkSetting(
    'idleTimeoutSeconds',
    input.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS,
  );
  const absoluteTimeoutSeconds = checkSetting(
    'absoluteTimeoutSeconds',
    input.absoluteTimeoutSeconds ?? DEFAULT_ABSOLUTE_TIMEOUT_SECONDS,
  );
  const policy: SessionPolicy = {
    idleTimeoutSeconds,
    absoluteTimeoutSeconds,
    activityUpdateIntervalSeconds:
      input.activityUpdateIntervalSeconds ??
      Math.max(1, Math.floor(idleTimeoutSeconds * ACTIVITY_UPDATE_FRACTION)),
    maxSessionsPerUser: input.maxSessionsPerUser ?? null,
    sessionLimitPolicy: input.sessionLimitPolicy ?? DEFAULT_SESSION_LIMIT_POLICY,
    reauthMaxAgeSeconds: checkSetting(
      'reauthMaxAgeSeconds',
      input.reauthMaxAgeSeconds ?? DEFAULT_REAUTH_MAX_AGE_SECONDS,
    ),
  };
  assertPositiveInteger('activityUpdateIntervalSeconds', policy.activityUpdateIntervalSeconds);
  if (policy.activityUpdateIntervalSeconds >= policy.idleTimeoutSeconds) {
    throw new TypeError('activityUpdateIntervalSeconds must be shorter than idleTimeoutSeconds');
  }
  if (policy.maxSessionsPerUser !== null) checkSetting('maxSessionsPerUser', policy.maxSessionsPerUser);
  // Checked at run time too: JavaScript callers and configuration files are not type-checked.
  if (!sessionLimitPolicies.includes(policy.sessionLimitPolicy)) {
    throw new TypeError('sessionLimitPolicy must be "evict-oldest" or "refuse"');
  }
  return policy;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer (got ${String(value)})`);
  }
}

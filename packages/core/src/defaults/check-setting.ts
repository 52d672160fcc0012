// The range of each whole-number setting, and the check the factories and the server's environment
// reader run against it. Re-exported by ../defaults.ts; imports nothing.

/**
 * Inclusive bounds of a whole-number setting.
 *
 * @example
 * const { min, max }: SettingRange = SETTING_RANGES.clockSkewSeconds; // 0 and 600
 */
export interface SettingRange {
  readonly min: number;
  readonly max: number;
}

/** No upper bound but the largest exact integer. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The values each whole-number setting accepts, by option name (seconds, counts, bytes).
 *
 * @example
 * SETTING_RANGES.accessTokenTtlSeconds // { min: 1, max: 86400 }
 */
export const SETTING_RANGES = {
  /** At least 10 s: last-seen is written once per tenth of it, and that must be a whole second. */
  idleTimeoutSeconds: { min: 10, max: NO_LIMIT },
  absoluteTimeoutSeconds: { min: 1, max: NO_LIMIT },
  maxSessionsPerUser: { min: 1, max: NO_LIMIT },
  /** At most a day: a longer window is not "recent". */
  reauthMaxAgeSeconds: { min: 1, max: 86_400 },
  maxFailuresPerAccount: { min: 1, max: NO_LIMIT },
  maxFailuresPerIp: { min: 1, max: NO_LIMIT },
  windowSeconds: { min: 1, max: NO_LIMIT },
  maxRegistrationsPerIp: { min: 1, max: NO_LIMIT },
  registrationWindowSeconds: { min: 1, max: NO_LIMIT },
  /** At most a day: an access token is honoured offline until it expires. */
  accessTokenTtlSeconds: { min: 1, max: 86_400 },
  /** At most 10 minutes: a larger leeway is a clock to fix, not to accept. */
  clockSkewSeconds: { min: 0, max: 600 },
  /** At most 5 minutes: past that, presenting a rotated token is reuse (theft), not a race. */
  refreshReuseGraceSeconds: { min: 0, max: 300 },
  /** At most an hour: a longer silence under `fail-closed` is an outage to see, not to wait out. */
  maxSilenceSeconds: { min: 1, max: 3600 },
  bodyLimitBytes: { min: 1, max: NO_LIMIT },
  /** At most a day: browsers cap it lower anyway (Chromium 2 hours, Firefox 1 day). */
  corsMaxAgeSeconds: { min: 0, max: 86_400 },
  maxSubscribers: { min: 1, max: NO_LIMIT },
  maxPendingEvents: { min: 1, max: NO_LIMIT },
  /** At least a minute (time to open the mail), at most a day: a reset link is a password. */
  passwordResetTtlSeconds: { min: 60, max: 86_400 },
  /** At least a minute, at most 30 days. */
  emailVerifyTtlSeconds: { min: 60, max: 2_592_000 },
  maxMessagesPerAddress: { min: 1, max: NO_LIMIT },
  messageWindowSeconds: { min: 1, max: NO_LIMIT },
  maxEmailRequestsPerIp: { min: 1, max: NO_LIMIT },
  /** At most 5 minutes: a request waiting on the mail server must end. */
  smtpTimeoutSeconds: { min: 1, max: 300 },
  /** At most a minute: a browser waits for the answer. */
  oauthTimeoutSeconds: { min: 1, max: 60 },
} as const satisfies Record<string, SettingRange>;

/**
 * The name of a whole-number setting with a range in `SETTING_RANGES`.
 *
 * @example
 * const name: SettingName = 'accessTokenTtlSeconds';
 * const ttl = checkSetting(name, Number(env['TESSERA_ACCESS_TTL'] ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS));
 */
export type SettingName = keyof typeof SETTING_RANGES;

/**
 * Checks a whole-number setting against its range: a bad value is a caller or configuration bug,
 * thrown at start-up as a `TypeError` naming the option.
 *
 * @example
 * const ttl = checkSetting('accessTokenTtlSeconds', options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS);
 */
export function checkSetting(name: SettingName, value: number): number {
  const { min, max } = SETTING_RANGES[name];
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === NO_LIMIT ? `at least ${min}` : `between ${min} and ${max}`;
    throw new TypeError(`${name} must be a whole number ${range} (got ${String(value)})`);
  }
  return value;
}

// The token inspector's reading of the time claims (inspect-token.ts): pure, runs in the browser
// page and in the CLI.
import { describeRelativeTime } from './describe-relative-time.js';
import type { TokenTime, TokenWarning } from './token-inspection.js';

const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;

/** The time claims present, each in words; what is wrong with them is pushed onto `warnings`. */
export function readTokenTimes(
  claims: Record<string, unknown>,
  now: Date,
  warnings: TokenWarning[],
): TokenTime[] {
  const times: TokenTime[] = [];
  for (const claim of TIME_CLAIMS) {
    if (!Object.hasOwn(claims, claim)) continue;
    const value = claims[claim];
    // RFC 7519 §2 NumericDate: seconds since the epoch. Milliseconds are a common bug, caught here.
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e11) {
      warnings.push({ code: 'invalid-time', message: `"${claim}" is not a time in seconds since 1970.` });
      continue;
    }
    const instant = new Date(value * 1000);
    const relative = describeRelativeTime(instant, now);
    const past = instant.getTime() <= now.getTime();
    const inWords =
      claim === 'exp'
        ? past
          ? `expired ${relative}`
          : `expires ${relative}`
        : claim === 'nbf'
          ? past
            ? `valid since ${relative}`
            : `not valid until ${relative}`
          : claim === 'iat'
            ? `issued ${relative}`
            : `signed in ${relative}`;
    times.push({ claim, iso: instant.toISOString(), inWords });
    if (claim === 'exp' && past) {
      warnings.push({ code: 'expired', message: `The token expired ${relative}.` });
    } else if (claim === 'nbf' && !past) {
      warnings.push({ code: 'not-yet-valid', message: `The token is not valid until ${relative}.` });
    } else if (claim === 'iat' && !past && instant.getTime() - now.getTime() >= 60_000) {
      warnings.push({
        code: 'issued-in-future',
        message: `The token says it was issued ${relative}: a clock is wrong, or the token was made up.`,
      });
    }
  }
  if (!Object.hasOwn(claims, 'exp')) {
    warnings.push({ code: 'missing-exp', message: 'There is no "exp": this token never expires.' });
  }
  return times;
}

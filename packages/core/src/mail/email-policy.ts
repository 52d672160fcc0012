import {
  checkSetting,
  DEFAULT_EMAIL_VERIFICATION,
  DEFAULT_EMAIL_VERIFY_TTL_SECONDS,
  DEFAULT_MAX_EMAIL_REQUESTS_PER_IP,
  DEFAULT_MAX_MESSAGES_PER_ADDRESS,
  DEFAULT_MESSAGE_WINDOW_SECONDS,
  DEFAULT_PASSWORD_RESET_TTL_SECONDS,
} from '../defaults.js';

/**
 * `TESSERA_EMAIL_VERIFICATION`: whether an unverified address may sign in.
 *
 * @example
 * const verification: EmailVerificationMode = env.TESSERA_EMAIL_VERIFICATION === 'required' ? 'required' : 'optional';
 */
export type EmailVerificationMode = 'optional' | 'required';

/**
 * The values `TESSERA_EMAIL_VERIFICATION` accepts.
 *
 * @example
 * emailVerificationModes.includes('required') // true
 */
export const emailVerificationModes: readonly EmailVerificationMode[] = ['optional', 'required'];

/**
 * Lifetimes and limits of account mail (DESIGN §7).
 *
 * @example
 * const policy: EmailPolicy = resolveEmailPolicy({ verification: 'required', passwordResetTtlSeconds: 900 });
 */
export interface EmailPolicy {
  verification: EmailVerificationMode;
  passwordResetTtlSeconds: number;
  emailVerifyTtlSeconds: number;
  /** Messages of one kind to one address per window; more requests are answered as usual, nothing sent. */
  maxMessagesPerAddress: number;
  messageWindowSeconds: number;
  /** Forgot, resend and change requests per client IP per window; then 429. */
  maxEmailRequestsPerIp: number;
}

/**
 * Fills in the email defaults (defaults.ts) and checks every value; a bad one is a caller bug
 * (`TypeError` naming the option).
 *
 * @example
 * resolveEmailPolicy({ verification: 'required' }).passwordResetTtlSeconds // 1800
 */
export function resolveEmailPolicy(input: Partial<EmailPolicy> = {}): EmailPolicy {
  const verification = input.verification ?? DEFAULT_EMAIL_VERIFICATION;
  if (!emailVerificationModes.includes(verification)) {
    throw new TypeError('verification must be "optional" or "required"');
  }
  return {
    verification,
    passwordResetTtlSeconds: checkSetting(
      'passwordResetTtlSeconds',
      input.passwordResetTtlSeconds ?? DEFAULT_PASSWORD_RESET_TTL_SECONDS,
    ),
    emailVerifyTtlSeconds: checkSetting(
      'emailVerifyTtlSeconds',
      input.emailVerifyTtlSeconds ?? DEFAULT_EMAIL_VERIFY_TTL_SECONDS,
    ),
    maxMessagesPerAddress: checkSetting(
      'maxMessagesPerAddress',
      input.maxMessagesPerAddress ?? DEFAULT_MAX_MESSAGES_PER_ADDRESS,
    ),
    messageWindowSeconds: checkSetting(
      'messageWindowSeconds',
      input.messageWindowSeconds ?? DEFAULT_MESSAGE_WINDOW_SECONDS,
    ),
    maxEmailRequestsPerIp: checkSetting(
      'maxEmailRequestsPerIp',
      input.maxEmailRequestsPerIp ?? DEFAULT_MAX_EMAIL_REQUESTS_PER_IP,
    ),
  };
}

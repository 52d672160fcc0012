import type { TesseraDepsOptions } from '@tessera/core';
import { emailVerificationModes } from '@tessera/core/mail';
import { ConfigError } from './config-error.js';
import { definedOnly } from './defined-only.js';
import type { Environment } from './environment.js';
import { readChoice } from './read-choice.js';
import { readSetting } from './read-setting.js';

/**
 * Account mail (DESIGN §7) as core's `email` option of `createTesseraDeps`, without the mailer (the server picks SMTP or the
 * outbox, see read-smtp-config.ts). Unset variables are left out for core's defaults.
 *
 * @example
 * const email = readEmailOptions(process.env, 'https://auth.example.com');
 */
export function readEmailOptions(
  env: Environment,
  publicUrl: string,
): NonNullable<TesseraDepsOptions['email']> {
  return {
    // Links in mail are built from this and nothing else (never the request's Host).
    publicUrl,
    ...definedOnly({ from: readEmailFrom(env['TESSERA_EMAIL_FROM']) }),
    policy: definedOnly({
      verification: readChoice(env, 'TESSERA_EMAIL_VERIFICATION', emailVerificationModes),
      passwordResetTtlSeconds: readSetting(env, 'TESSERA_PASSWORD_RESET_TTL', 'passwordResetTtlSeconds'),
      emailVerifyTtlSeconds: readSetting(env, 'TESSERA_EMAIL_VERIFY_TTL', 'emailVerifyTtlSeconds'),
      maxEmailRequestsPerIp: readSetting(env, 'TESSERA_EMAIL_MAX_PER_IP', 'maxEmailRequestsPerIp'),
    }),
  };
}

/** `TESSERA_EMAIL_FROM`: a sender such as `Example <no-reply@example.com>`, without control characters. */
function readEmailFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(value) || !value.includes('@')) {
    throw new ConfigError(
      'TESSERA_EMAIL_FROM must be a sender address such as "Example <no-reply@example.com>"',
    );
  }
  return value;
}

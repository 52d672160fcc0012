import { readFileSync } from 'node:fs';
import { parseSmtpUrl, type SmtpMailerOptions } from '@tessera/core/mail';
import { ConfigError } from './config-error.js';
import { definedOnly } from './defined-only.js';
import type { Environment } from './environment.js';
import { readSetting } from './read-setting.js';

/**
 * `TESSERA_SMTP_URL` and its companions as core's `SmtpMailerOptions`, except that `url` is `null` when
 * unset: mail is then written to `<dataDir>/outbox` (DESIGN §7).
 *
 * @example
 * const smtp: ServerSmtpConfig = { url: null, ca: null };
 */
export type ServerSmtpConfig = Omit<SmtpMailerOptions, 'url' | 'ca'> & {
  /** `TESSERA_SMTP_URL` (may hold a password: never logged); `null`: the development outbox. */
  url: string | null;
  /** `TESSERA_SMTP_CA_FILE` read: extra CAs (PEM) to trust for the mail server's certificate. */
  ca: string | null;
};

/**
 * Reads `TESSERA_SMTP_URL`, `TESSERA_SMTP_CA_FILE` and `TESSERA_SMTP_TIMEOUT` (unset: core's default).
 *
 * @example
 * const smtp = readSmtpConfig(process.env);
 */
export function readSmtpConfig(env: Environment): ServerSmtpConfig {
  return {
    url: readSmtpUrl(env['TESSERA_SMTP_URL']),
    ca: readSmtpCa(env['TESSERA_SMTP_CA_FILE']),
    ...definedOnly({ timeoutSeconds: readSetting(env, 'TESSERA_SMTP_TIMEOUT', 'smtpTimeoutSeconds') }),
  };
}

/** `TESSERA_SMTP_URL`: checked by core's parser; the value may hold a password and is never echoed. */
function readSmtpUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  parseSmtpUrl(value);
  return value;
}

/** `TESSERA_SMTP_CA_FILE`: a PEM file of certificate authorities to trust for the mail server. */
function readSmtpCa(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError('TESSERA_SMTP_CA_FILE is not the path of a readable file');
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError('TESSERA_SMTP_CA_FILE must hold PEM certificates');
  }
  return text;
}

import type { Logger } from '../logger.js';
import type { EmailPolicy } from './email-policy.js';
import type { EmailTemplates } from './email-templates.js';
import type { Mailer } from './mailer.js';

/**
 * What account mail needs: how to deliver, from whom, where links point, what to say, and the limits.
 *
 * @example
 * const email: EmailDeps = {
 *   mailer, from: 'Tessera <no-reply@example.com>', publicUrl: 'https://auth.example.com',
 *   templates: defaultEmailTemplates, policy: resolveEmailPolicy(), logger,
 * };
 */
export interface EmailDeps {
  mailer: Mailer;
  /** `TESSERA_EMAIL_FROM`, validated (no CR/LF). */
  from: string;
  /**
   * `TESSERA_PUBLIC_URL` as an origin: the only base of links in mail. Never the request's `Host`
   * or `X-Forwarded-Host`, which an attacker chooses (host-header poisoning of reset links).
   */
  publicUrl: string;
  templates: EmailTemplates;
  policy: EmailPolicy;
  /** Where delivery failures are written (kind and reason only). */
  logger: Logger;
}

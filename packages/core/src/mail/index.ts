// `@tessera/core/mail`: delivering account mail (SMTP, the development outbox) and its templates.
export { createOutboxMailer, type OutboxMailerOptions } from './create-outbox-mailer.js';
export { createSmtpMailer, parseSmtpUrl, type SmtpMailerOptions } from './create-smtp-mailer.js';
export type { EmailDeps } from './email-deps.js';
export {
  emailVerificationModes,
  resolveEmailPolicy,
  type EmailPolicy,
  type EmailVerificationMode,
} from './email-policy.js';
export {
  defaultEmailTemplates,
  escapeHtml,
  type EmailTemplateInput,
  type EmailTemplates,
  type RenderedEmail,
} from './email-templates.js';
export { noMailer, type Mailer, type MailMessage } from './mailer.js';
export type { MailKind, MailOutcome } from '../observer/tessera-observer.js';

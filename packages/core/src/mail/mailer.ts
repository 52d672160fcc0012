import type { MailKind } from '../observer/tessera-observer.js';

/**
 * One message, ready to go: addresses already validated (no CR/LF can reach a header), both parts
 * rendered. `kind` is for logs and metrics only; it is not sent.
 *
 * @example
 * const message: MailMessage = { kind: 'password-reset', from, to, subject, text, html };
 */
export interface MailMessage {
  kind: MailKind;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Delivers messages: over SMTP (`createSmtpMailer`), into a folder (`createOutboxMailer`), or however
 * an adopter likes. `send` resolves once the message is handed over and rejects when it was not.
 *
 * @example
 * const mailer: Mailer = { async send(message) { await myProvider.send(message); } };
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Releases connections; optional. */
  close?(): Promise<void>;
}

/**
 * The mailer of an engine built without one: every send rejects, so a resend answers 503
 * `email_unavailable` and a forgotten-password request is logged and counted as failed.
 *
 * @example
 * const deps = await createTesseraDeps({ store, secrets, tokens }); // deps.email.mailer === noMailer
 */
export const noMailer: Mailer = Object.freeze({
  send(): Promise<void> {
    return Promise.reject(new Error('No mailer is configured.'));
  },
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';
import type { Mailer } from './mailer.js';

/**
 * Where the development outbox writes.
 *
 * @example
 * const options: OutboxMailerOptions = { directory: join(dataDir, 'outbox'), logger };
 * const mailer = createOutboxMailer(options);
 */
export interface OutboxMailerOptions {
  /** `<TESSERA_DATA_DIR>/outbox`: created owner-only (0700) when missing. */
  directory: string;
  logger: Logger;
  /** Time for file names (tests freeze it); default the wall clock. */
  now?: () => Date;
}

/**
 * A mailer for development (no `TESSERA_SMTP_URL`): each message becomes an `.eml` file (open it
 * in any mail client, or read the link in its text part) in an owner-only folder (files 0600: they
 * hold working links). The log line names the file, never the link or token.
 *
 * @example
 * const mailer = createOutboxMailer({ directory: join(dataDir, 'outbox'), logger });
 */
export function createOutboxMailer(options: OutboxMailerOptions): Mailer {
  const { directory, logger } = options;
  const now = options.now ?? (() => new Date());
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await composer.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const stamp = now().toISOString().replaceAll(':', '-').replace('.', '-');
      const file = join(directory, `${stamp}-${message.kind}-${randomBytes(4).toString('hex')}.eml`);
      // `buffer: true` makes the message a Buffer; anything else is a bug here, not a message to write.
      if (!Buffer.isBuffer(info.message)) throw new TypeError('The outbox composer did not return a buffer.');
      writeFileSync(file, info.message, { mode: 0o600, flag: 'wx' });
      logger.info('mail written to the outbox (no TESSERA_SMTP_URL): open the file to follow its link', {
        kind: message.kind,
        file,
      });
    },
  };
}

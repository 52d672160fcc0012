import nodemailer from 'nodemailer';
import { DEFAULT_SMTP_TIMEOUT_SECONDS } from '../defaults.js';
import type { Mailer } from './mailer.js';

/**
 * Where and how to reach the mail server.
 *
 * @example
 * const options: SmtpMailerOptions = { url: 'smtps://user:pass@mail.example.com:465', timeoutSeconds: 10 };
 * const mailer = createSmtpMailer(options);
 */
export interface SmtpMailerOptions {
  /**
   * `TESSERA_SMTP_URL`: `smtp://[user:pass@]host:port` (STARTTLS whenever the server offers it) or
   * `smtps://[user:pass@]host:port` (TLS from the first byte). User and password are URL-encoded.
   */
  url: string;
  /** Extra certificate authorities to trust (PEM), for a relay with a private CA. */
  ca?: string | null;
  /** Seconds to wait for the connection, the greeting, and each reply (default 10, defaults.ts). */
  timeoutSeconds?: number;
}

/**
 * Checks an SMTP URL and returns its parts; throws `TypeError` (never echoing the value: it may hold
 * a password) when it is not `smtp://` or `smtps://` with a host.
 *
 * @example
 * parseSmtpUrl('smtp://mail.example.com:587').secure // false
 */
export function parseSmtpUrl(value: string): {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | null;
} {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError('TESSERA_SMTP_URL is not a valid URL');
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new TypeError(
      'TESSERA_SMTP_URL must be smtp://[user:pass@]host:port or smtps://[user:pass@]host:port',
    );
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new TypeError('TESSERA_SMTP_URL must have nothing after host:port');
  }
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let auth: { user: string; pass: string } | null = null;
  if (url.username !== '') {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw new TypeError('TESSERA_SMTP_URL has a badly encoded user or password');
    }
  }
  return { host, port: url.port === '' ? (secure ? 465 : 587) : Number(url.port), secure, auth };
}

/**
 * A mailer that sends over SMTP with nodemailer: TLS from the start for `smtps://`; for `smtp://`,
 * STARTTLS whenever the server offers it, with the certificate checked (a server that offers
 * STARTTLS with a certificate we cannot verify is refused, not used in clear). Every connection,
 * greeting and reply is bounded by `timeoutSeconds`, so a mail server that hangs cannot hold a
 * request. Connections are pooled.
 *
 * @example
 * const mailer = createSmtpMailer({ url: 'smtp://user:pass@mail.example.com:587' });
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const { host, port, secure, auth } = parseSmtpUrl(options.url);
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_SMTP_TIMEOUT_SECONDS) * 1000;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure,
    ...(auth === null ? {} : { auth }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // No pooling: a failed connection is not reused by the next message, and one process sends few.
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(options.ca ? { ca: options.ca } : {}),
    },
    // Never log message contents (they hold links with tokens).
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Refuse what cannot be sent as-is rather than let the library reinterpret it.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

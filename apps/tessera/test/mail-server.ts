// A real SMTP server on loopback for the email tests (smtp-server), every received message parsed
// with mailparser. It can accept (in clear, or offering STARTTLS with a self-signed certificate),
// refuse every connection, or hang (accept TCP and never greet).
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const TLS_DIR = join(import.meta.dirname, 'fixtures', 'smtp-tls');
/** The self-signed certificate the STARTTLS server presents (PEM), for `TESSERA_SMTP_CA_FILE`. */
export const TEST_SMTP_CERT_FILE = join(TLS_DIR, 'cert.pem');

/** One message as the server received it. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Whether the session had switched to TLS (STARTTLS) when the message was sent. */
  secure: boolean;
  /** The raw header block, to check nothing was smuggled into it. */
  headerLines: string[];
}

export interface MailServer {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  received: ReceivedMail[];
  /** Resolves the first received message (now or later) to `to` that matches; rejects after `timeoutMs`. */
  waitFor(to: string, match?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Every message received so far for `to`. */
  mailsTo(to: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1, port 0. `mode`: `accept` (default), `starttls` (offers
 * STARTTLS with the fixture certificate), `refuse` (answers every connection 554), `hang` (a TCP
 * server that never sends the greeting).
 */
export async function startMailServer(
  mode: 'accept' | 'starttls' | 'refuse' | 'hang' = 'accept',
): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let server: SMTPServer | Server;
  const sockets = new Set<Socket>();
  if (mode === 'hang') {
    const hanging = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    server = hanging;
  } else {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: mode === 'starttls' ? ['AUTH'] : ['STARTTLS', 'AUTH'],
      ...(mode === 'starttls'
        ? { key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) }
        : {}),
      logger: false,
      // close() ends idle client connections after this long instead of 30 s.
      closeTimeout: 500,
      onConnect(_session, callback) {
        if (mode === 'refuse') {
          callback(Object.assign(new Error('Service not available'), { responseCode: 554 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed: ParsedMail) => {
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              secure: session.secure,
              headerLines: parsed.headerLines.map((line) => line.line),
            });
            for (const wake of waiters.splice(0)) wake();
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      },
    });
    server.on('error', () => undefined);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = (
    mode === 'hang' ? (server as Server) : (server as unknown as { server: Server }).server
  ).address() as AddressInfo;
  const mailsTo = (to: string) => received.filter((mail) => mail.to.includes(to));
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    mailsTo,
    async waitFor(to, match = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mailsTo(to).find(match);
        if (found !== undefined) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The `?token=` of the first link in a message's text part that starts with `base`. */
export function tokenFromMail(mail: ReceivedMail, base: string): { link: string; token: string } {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(base));
  if (link === undefined) throw new Error(`no link starting with ${base} in "${mail.subject}"`);
  const token = new URL(link).searchParams.get('token');
  if (token === null) throw new Error('the link has no token');
  return { link, token };
}

// A cookie-keeping client for the web UI tests: it posts forms the way a browser does (same-origin
// headers, the refresh cookie only under its path) and remembers what the server sets.
import { REFRESH_COOKIE, type HttpResult, type TestServer } from './harness.js';

/** Form fields in order; a repeated name is sent twice. */
export type FormFields = readonly (readonly [string, string])[];

export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** One browser profile: a cookie jar and the headers a same-origin form post carries. */
export class UiBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly server: TestServer,
    readonly userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  ) {}

  /** Remembers the cookies; the page's whitespace is collapsed so tests match markup, not layout. */
  #remember(result: HttpResult): HttpResult {
    result.text = result.text.replace(/\s+/g, ' ').replace(/ >/g, '>');
    for (const line of result.setCookies) {
      const [pair = ''] = line.split(';', 1);
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return result;
  }

  #cookiesFor(path: string): Record<string, string> {
    const sent: Record<string, string> = {};
    for (const [name, value] of this.cookies) {
      if (name === REFRESH_COOKIE && !(path === '/auth/refresh' || path.startsWith('/auth/refresh/')))
        continue;
      sent[name] = value;
    }
    return sent;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.#remember(
      await this.server.send('GET', path, {
        cookies: this.#cookiesFor(path),
        headers: { 'user-agent': this.userAgent, 'sec-fetch-site': 'same-origin', ...headers },
      }),
    );
  }

  async post(path: string, fields: FormFields, headers: Record<string, string> = {}): Promise<HttpResult> {
    const body = fields
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
    return this.postRaw(path, body, headers);
  }

  /** Posts a raw body; a header given as `''` is left out (to send a post without `Origin`). */
  async postRaw(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    const all: Record<string, string> = {
      'user-agent': this.userAgent,
      'content-type': 'application/x-www-form-urlencoded',
      origin: this.server.url,
      'sec-fetch-site': 'same-origin',
      ...headers,
    };
    const sent = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== ''));
    return this.#remember(
      await this.server.send('POST', path, { rawBody: body, cookies: this.#cookiesFor(path), headers: sent }),
    );
  }
}

/** The text of the first `role="alert"` element, with its `data-code`. */
export function alertOf(result: HttpResult): { code: string | null; text: string } | null {
  const match = /<div class="alert" role="alert"(?: data-code="([^"]*)")?> ?([^<]*?) ?<\/div>/.exec(
    result.text,
  );
  return match === null ? null : { code: match[1] ?? null, text: match[2] ?? '' };
}

/** The text of the `role="status"` notice, if any. */
export function noticeOf(result: HttpResult): string | null {
  return /<div class="notice" role="status"> ?([^<]*?) ?<\/div>/.exec(result.text)?.[1] ?? null;
}

/** The session ids of the device table rows, with their `data-current`. */
export function deviceRows(result: HttpResult): { id: string; current: boolean }[] {
  return [...result.text.matchAll(/<tr data-session-id="([^"]+)" data-current="(true|false)">/g)].map(
    (m) => ({
      id: m[1] ?? '',
      current: m[2] === 'true',
    }),
  );
}

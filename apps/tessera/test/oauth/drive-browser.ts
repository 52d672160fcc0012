// A tiny browser over HTTP for the provider flows: follows redirects by hand, keeps each host's
// cookies (by name: enough for these flows), and submits oidc-provider's development forms.
import { request as httpRequest } from 'node:http';

export interface Hop {
  status: number;
  location: string | null;
  setCookies: string[];
  text: string;
}

/** A cookie jar per origin plus `get`/`post` that never follow redirects themselves. */
export class TestBrowser {
  readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }

  dropCookie(origin: string, name: string): void {
    this.jars.get(origin)?.delete(name);
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Hop> {
    return this.#send('GET', url, undefined, headers);
  }

  post(url: string, form: Record<string, string>): Promise<Hop> {
    return this.#send('POST', url, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }

  #send(method: string, url: string, body: string | undefined, extra: Record<string, string>): Promise<Hop> {
    const target = new URL(url);
    const jar = this.jars.get(target.origin) ?? new Map<string, string>();
    const headers: Record<string, string> = { ...extra };
    if (jar.size > 0) headers['cookie'] = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = httpRequest(target, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const setCookies = res.headers['set-cookie'] ?? [];
          for (const line of setCookies) {
            const [pair = '', ...attributes] = line.split(';');
            const index = pair.indexOf('=');
            const name = pair.slice(0, index).trim();
            const value = pair.slice(index + 1).trim();
            const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
            if (expired) jar.delete(name);
            else jar.set(name, value);
          }
          this.jars.set(target.origin, jar);
          const location = res.headers.location ?? null;
          resolve({
            status: res.statusCode ?? 0,
            location: location === null ? null : new URL(location, target).href,
            setCookies,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/**
 * From the provider's authorization URL to the redirect back to the client: signs in as
 * `accountId` on the login page and grants consent. Returns the callback URL (with `code`, `state`).
 * `abort`: the user cancels instead (the provider answers `error=access_denied`).
 */
export async function signInAtProvider(
  browser: TestBrowser,
  authorizationUrl: string,
  accountId: string,
  options: { abort?: boolean } = {},
): Promise<string> {
  let url = authorizationUrl;
  const issuerOrigin = new URL(authorizationUrl).origin;
  for (let hops = 0; hops < 12; hops += 1) {
    const target = new URL(url);
    if (target.origin !== issuerOrigin) return url;
    const interaction = /^\/interaction\/([^/]+)$/.exec(target.pathname);
    if (interaction !== null) {
      const page = await browser.get(url);
      if (page.status !== 200) throw new Error(`interaction page answered ${page.status}`);
      if (options.abort === true) {
        const aborted = await browser.get(`${url}/abort`);
        url = nextLocation(aborted);
        continue;
      }
      const prompt = /name="prompt" value="([a-z]+)"/.exec(page.text)?.[1];
      const submitted = await browser.post(
        url,
        prompt === 'login' ? { prompt: 'login', login: accountId, password: 'any' } : { prompt: 'consent' },
      );
      url = nextLocation(submitted);
      continue;
    }
    url = nextLocation(await browser.get(url));
  }
  throw new Error('too many redirects at the provider');
}

function nextLocation(hop: Hop): string {
  if (hop.location === null)
    throw new Error(`expected a redirect, got ${hop.status}: ${hop.text.slice(0, 300)}`);
  return hop.location;
}

// Node's fetch keeps no cookies; a browser does. This fetch plays the browser's part for the tests:
// it stores Set-Cookie answers (deleting on Max-Age=0) and sends the cookies whose Path matches,
// but only when the request asks for `credentials: 'include'`. Two "tabs" share one jar, as the
// tabs of one browser share one cookie store.

interface StoredCookie {
  readonly value: string;
  readonly path: string;
}

export type CookieJarFetch = typeof fetch & { readonly jar: ReadonlyMap<string, StoredCookie> };

export function createCookieJarFetch(): CookieJarFetch {
  const jar = new Map<string, StoredCookie>();

  async function jarFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.delete('cookie');
    if (request.credentials === 'include') {
      const matching = [...jar].filter(([, cookie]) => pathMatches(pathname, cookie.path));
      if (matching.length > 0)
        headers.set('cookie', matching.map(([name, c]) => `${name}=${c.value}`).join('; '));
    }
    const response = await fetch(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) store(line);
    return response;
  }

  function store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    if (attribute('max-age') === '0') jar.delete(name);
    else jar.set(name, { value: pair.slice(at + 1), path: attribute('path') ?? '/' });
  }

  return Object.assign(jarFetch, { jar });
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) &&
      (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
  );
}

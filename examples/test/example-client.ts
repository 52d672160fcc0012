// What the example tests share: one HTTP exchange with full control over the headers a browser
// would send (Cookie, Origin, Sec-Fetch-Site), and the session cookie's name.
export const SESSION_COOKIE = '__Host-tessera-session';

/** One answer as a test sees it. */
export interface ExampleResponse {
  status: number;
  headers: Headers;
  setCookies: string[];
  text: string;
  json: any;
}

export interface ExampleRequest {
  body?: unknown;
  /** Sent as-is, with `content-type: application/json`. */
  rawBody?: string;
  /** The whole `Cookie` header. */
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
}

/** Sends one request; never follows redirects. */
export async function exchange(
  baseUrl: string,
  method: string,
  path: string,
  request: ExampleRequest = {},
): Promise<ExampleResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.cookie !== undefined) headers['cookie'] = request.cookie;
  if (request.bearer !== undefined) headers['authorization'] = `Bearer ${request.bearer}`;
  let body: string | undefined;
  if (request.rawBody !== undefined || request.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = request.rawBody ?? JSON.stringify(request.body);
  }
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: any;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    setCookies: response.headers.getSetCookie(),
    text,
    json,
  };
}

/** `name=value` of the cookie a response sets, ready for a `Cookie` header; null when not set. */
export function cookiePair(response: ExampleResponse, name: string): string | null {
  const line = response.setCookies.find((candidate) => candidate.startsWith(`${name}=`));
  return line === undefined ? null : (line.split(';', 1)[0] ?? null);
}

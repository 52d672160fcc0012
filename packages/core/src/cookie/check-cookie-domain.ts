/**
 * Checks a cookie `Domain` (`TESSERA_COOKIE_DOMAIN`, DESIGN §10) at start-up and returns it: a
 * registrable-looking host name of at least two labels in lower-case ASCII (IDNs as punycode), no
 * leading dot, port, scheme, path, wildcard or IP address. Browsers drop a `Domain` that does not
 * cover the responding host or that is a public suffix; we cannot know the suffix list, but a
 * single label (`localhost`, `com`) or an address is refused here rather than fail silently later.
 * A bad value throws `TypeError` naming `variableName`; the value is not a secret and is echoed.
 *
 * @example
 * checkCookieDomain('example.com', 'TESSERA_COOKIE_DOMAIN'); // 'example.com'
 * checkCookieDomain('.example.com', 'TESSERA_COOKIE_DOMAIN'); // TypeError
 */
export function checkCookieDomain(value: string, variableName: string): string {
  const fail = (reason: string): never => {
    throw new TypeError(
      `${variableName}: ${JSON.stringify(value.slice(0, 80))} is not a cookie domain (${reason}); expected a parent domain such as example.com.`,
    );
  };
  if (typeof value !== 'string' || value === '') fail('empty');
  if (value.startsWith('.')) fail('no leading dot');
  if (value.length > 253) fail('longer than 253 characters');
  if (value !== value.toLowerCase()) fail('lower case only');
  const labels = value.split('.');
  if (labels.length < 2) fail('a single label cannot be shared by subdomains');
  for (const label of labels) {
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) {
      fail('letters, digits and inner hyphens in dot-separated labels of 1 to 63 characters');
    }
  }
  // An all-digit last label is an IPv4 address (or nothing a browser would scope a cookie to).
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) fail('an IP address cannot be shared');
  return value;
}

/**
 * Whether `host` (a host name, no port) is `domain` or one of its subdomains: the hosts a cookie with
 * `Domain=<domain>` is sent to (RFC 6265bis §5.1.3).
 *
 * @example
 * isHostInCookieDomain('auth.example.com', 'example.com'); // true
 * isHostInCookieDomain('badexample.com', 'example.com'); // false
 */
export function isHostInCookieDomain(host: string, domain: string): boolean {
  const lower = host.toLowerCase();
  return lower === domain || lower.endsWith(`.${domain}`);
}

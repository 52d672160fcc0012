/**
 * The cookie names among `names` that a `Cookie` request header carries more than once; never throws.
 *
 * A browser sends two cookies of one name when they differ in domain or path: a sibling subdomain can
 * set `Domain=<parent>` with a longer `Path`, and its cookie is then listed *first* (RFC 6265bis
 * §5.8.3). Whichever one a parser keeps, the order is the attacker's choice, so a caller refuses the
 * request instead of picking one (DESIGN §3.2, cookie tossing). Names are compared after trimming
 * whitespace, like the parser does (a wider trim only ever finds more repeats).
 *
 * @example
 * findRepeatedCookieNames('a=1; b=2; a=3', ['a', 'b']); // ['a']
 */
export function findRepeatedCookieNames(header: string | undefined, names: readonly string[]): string[] {
  if (typeof header !== 'string' || header === '') return [];
  // Runs on every authenticated request: a name that does not occur twice anywhere in the header
  // (as any substring) cannot be repeated, so the common case is answered without splitting it.
  if (!names.some((name) => occursTwice(header, name))) return [];
  const wanted = new Set(names);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (!wanted.has(name)) continue;
    if (seen.has(name)) repeated.add(name);
    else seen.add(name);
  }
  return [...repeated];
}

function occursTwice(header: string, name: string): boolean {
  const first = header.indexOf(name);
  return first !== -1 && header.indexOf(name, first + 1) !== -1;
}

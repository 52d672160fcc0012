import { readFileSync } from 'node:fs';
import { normalizePassword } from './normalize-password.js';

// Resolved relative to this module, so it works from `src/` (tests, tsx) and from `dist/`, both two
// levels below the package root. A bundle that moves this module elsewhere must call
// `loadCommonPasswords(path)` at start-up with wherever it ships the data file.
const defaultListUrl = new URL('../../data/common-passwords.txt', import.meta.url);

let commonPasswords: ReadonlySet<string> | undefined;

/**
 * Reads a common-password list (one password per line) and makes it the list that
 * `isCommonPassword` checks against; returns the set. Without a path, reads the list shipped in
 * `@tessera/core/data/common-passwords.txt`.
 *
 * Call it at start-up to pay the one-off read (about 50 ms for the shipped 96,517 entries) before
 * the first registration, or to point a bundled build at the data file. Entries are normalized and
 * lower-cased like the passwords they are compared with, so a custom list may be in any case.
 *
 * @example
 * loadCommonPasswords('/opt/tessera/data/common-passwords.txt');
 */
export function loadCommonPasswords(path?: string | URL): ReadonlySet<string> {
  const source = path ?? defaultListUrl;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new Error(
      `Could not read the common-password list at ${String(source)}. ` +
        'If this module was bundled, call loadCommonPasswords(path) with the location of common-passwords.txt.',
      { cause: error },
    );
  }
  const entries = new Set<string>();
  for (const line of text.split('\n')) {
    // Tolerate CRLF files; a blank line is not a password.
    const entry = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (entry !== '') entries.add(toComparable(entry));
  }
  commonPasswords = entries;
  return entries;
}

/**
 * Tells whether a password is on the common-password list, ignoring case (DESIGN §3.1). The list is
 * read once, on first use, unless `loadCommonPasswords` already loaded one.
 *
 * @example
 * isCommonPassword('PASSWORD1'); // true
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords ?? loadCommonPasswords();
  return list.has(toComparable(password));
}

// Both sides go through the same steps: NFKC first (so a full-width "ｐａｓｓｗｏｒｄ" is caught), then
// `toLowerCase`, which unlike `toLocaleLowerCase` does not depend on the server's locale.
function toComparable(password: string): string {
  return normalizePassword(password).toLowerCase();
}

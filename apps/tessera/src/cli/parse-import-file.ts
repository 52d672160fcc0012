import { InvalidRequestError } from '@tessera/core';
import { normalizeEmail } from '@tessera/core/account';
import { parseRoles } from '@tessera/core/admin';
import { identifyImportedPasswordHash, type ImportedPasswordHashKind } from '@tessera/core/password';

/** The two formats `import-users` reads. */
export type ImportFormat = 'jsonl' | 'csv';

/** One valid row, with the line it came from. */
export interface ImportRow {
  line: number;
  /** Normalized. */
  email: string;
  passwordHash: string;
  kind: ImportedPasswordHashKind;
  roles: string[];
}

/** A row that cannot be imported, and why (never quoting the hash). */
export interface ImportProblem {
  line: number;
  reason: string;
}

const JSONL_FIELDS = new Set(['email', 'passwordHash', 'roles']);
const CSV_FIELDS = new Set(['email', 'password_hash', 'roles']);

/**
 * Parses and checks an import file without touching any store: every row's email (normalized and
 * valid), hash (bcrypt or scrypt that Tessera can verify), roles, and emails repeated in the file.
 * Lines are numbered from 1 as an editor shows them; blank lines are skipped.
 *
 * JSON Lines: one object per line, `{"email": "…", "passwordHash": "…", "roles": ["…"]}` (`roles`
 * optional). CSV (RFC 4180, one record per line): a header naming `email`, `password_hash` and
 * optionally `roles` (space-separated); quote fields holding commas, as scrypt hashes do.
 *
 * @example
 * const { rows, problems } = parseImportFile(text, 'jsonl');
 */
export function parseImportFile(
  text: string,
  format: ImportFormat,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineByEmail = new Map<string, number>();
  let header: string[] | null = null;

  for (const [index, content] of lines.entries()) {
    const line = index + 1;
    if (content.trim() === '') continue;
    let fields: { email: unknown; passwordHash: unknown; roles: unknown };
    if (format === 'csv') {
      const cells = splitCsvLine(content);
      if (cells === null) {
        problems.push({ line, reason: 'malformed CSV (unbalanced quotes)' });
        continue;
      }
      if (header === null) {
        header = cells.map((cell) => cell.trim());
        const unknown = header.filter((name) => !CSV_FIELDS.has(name));
        if (unknown.length > 0 || !header.includes('email') || !header.includes('password_hash')) {
          problems.push({ line, reason: 'the header must name email, password_hash and optionally roles' });
        }
        continue;
      }
      if (cells.length !== header.length) {
        {
          problems.push({ line, reason: `expected ${header.length} fields, found ${cells.length}` });
          continue;
        }
      }
      const record = new Map(header.map((name, column) => [name, cells[column] ?? '']));
      const roles = record.get('roles')?.trim() ?? '';
      fields = {
        email: record.get('email'),
        passwordHash: record.get('password_hash'),
        roles: roles === '' ? [] : roles.split(/\s+/),
      };
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        {
          problems.push({ line, reason: 'not valid JSON' });
          continue;
        }
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        {
          problems.push({ line, reason: 'not a JSON object' });
          continue;
        }
      }
      const unknown = Object.keys(parsed).filter((name) => !JSONL_FIELDS.has(name));
      if (unknown.length > 0) {
        {
          problems.push({ line, reason: `unknown field ${JSON.stringify(unknown[0]?.slice(0, 40))}` });
          continue;
        }
      }
      const object = parsed as Record<string, unknown>;
      fields = { email: object['email'], passwordHash: object['passwordHash'], roles: object['roles'] ?? [] };
    }
    const reason = checkFields(fields, line, firstLineByEmail, rows);
    if (reason !== null) problems.push({ line, reason });
  }
  if (format === 'csv' && header === null) problems.push({ line: 1, reason: 'the CSV header is missing' });
  return { rows, problems };
}

/** Checks one row's fields; adds it to `rows` and resolves `null`, or resolves the reason. */
function checkFields(
  fields: { email: unknown; passwordHash: unknown; roles: unknown },
  line: number,
  firstLineByEmail: Map<string, number>,
  rows: ImportRow[],
): string | null {
  if (typeof fields.email !== 'string') return 'email is missing';
  const email = normalizeEmail(fields.email);
  if (email === null) return 'email is not a valid address';
  if (typeof fields.passwordHash !== 'string' || fields.passwordHash === '')
    return 'password hash is missing';
  const kind = identifyImportedPasswordHash(fields.passwordHash);
  if (kind === null) {
    return 'password hash is not a bcrypt ($2a$, $2b$, $2y$, cost 4 to 16) or scrypt ($scrypt$) hash Tessera can verify';
  }
  let roles: string[];
  try {
    roles = parseRoles(fields.roles);
  } catch (error) {
    if (error instanceof InvalidRequestError) return `roles: ${error.message}`;
    throw error;
  }
  const first = firstLineByEmail.get(email);
  if (first !== undefined) return `email repeats line ${first}`;
  firstLineByEmail.set(email, line);
  rows.push({ line, email, passwordHash: fields.passwordHash, kind, roles });
  return null;
}

/** One CSV record on one line (RFC 4180 quoting); `null` when its quotes do not balance. */
function splitCsvLine(content: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atFieldStart = true;
  for (let index = 0; index < content.length; index += 1) {
    const char = content.charAt(index);
    if (quoted) {
      if (char === '"' && content.charAt(index + 1) === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
        const next = content.charAt(index + 1);
        if (next !== '' && next !== ',') return null;
      } else cell += char;
    } else if (char === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      atFieldStart = true;
      continue;
    } else if (char === '"') {
      return null;
    } else {
      cell += char;
      atFieldStart = false;
    }
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

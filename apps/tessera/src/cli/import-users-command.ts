import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@tessera/core/account';
import type { UserRecord } from '@tessera/core/store';
import { CliFailure, CliUsageError, type CliCommand } from './cli-command.js';
import { createProgressReporter } from './create-progress-reporter.js';
import { withCliStore } from './open-cli-store.js';
import { parseImportFile, type ImportFormat, type ImportProblem } from './parse-import-file.js';

/** Problems printed before the rest are only counted. */
const MAX_PRINTED_PROBLEMS = 100;

function formatOf(path: string, given: string | undefined): ImportFormat {
  if (given === 'jsonl' || given === 'csv') return given;
  if (given !== undefined) throw new CliUsageError('--format must be jsonl or csv');
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'csv';
  throw new CliUsageError('cannot tell the format from the file name: give --format jsonl or --format csv');
}

/**
 * `import-users <file>`: users from another system with their bcrypt or scrypt hashes. Every row is
 * checked first (and against the existing users); any bad row means nothing is imported. Otherwise
 * all rows go in one transaction. Imported users sign in with their old password, which is then
 * rehashed to argon2id.
 *
 * @example
 * table.set(importUsersCommand.name, importUsersCommand);
 */
export const importUsersCommand: CliCommand = {
  name: 'import-users',
  synopsis: 'import-users <file> [--format jsonl|csv]',
  summary: 'import users with bcrypt or scrypt hashes from another system (all rows or none)',
  details: [
    'JSON Lines (.jsonl): one object per line:',
    '  {"email": "ann@example.com", "passwordHash": "$2b$12$…", "roles": ["support"]}',
    'CSV (.csv): a header line, then one user per line; quote hashes with commas (scrypt):',
    '  email,password_hash,roles',
    '  ann@example.com,"$scrypt$ln=15,r=8,p=1$…$…",support admin',
    'Hashes: bcrypt $2a$/$2b$/$2y$ (cost 4 to 16) or scrypt $scrypt$ln=…,r=…,p=…$<salt>$<key>',
    '(standard base64 without padding). roles is optional. Bad rows are listed with their line',
    'numbers and nothing is imported. See docs/cli.md.',
  ].join('\n'),
  options: { format: { type: 'string' } },
  positionals: [1, 1],
  async run({ positionals, values, env, io }) {
    const path = positionals[0] ?? '';
    const format = formatOf(path, values['format'] as string | undefined);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliFailure(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const { rows, problems } = parseImportFile(text, format);
    return withCliStore(env, async (cli) => {
      // Against the store too: an email that already has an account is a bad row, not a skip.
      const progress = createProgressReporter(io, 'checking', rows.length);
      for (const [index, row] of rows.entries()) {
        if ((await cli.store.getUserByEmail(row.email)) !== null) {
          problems.push({ line: row.line, reason: 'email belongs to an existing user' });
        }
        progress.update(index + 1);
      }
      progress.finish();
      if (problems.length > 0) return reportProblems(problems, (text) => io.err(text));
      if (rows.length === 0) throw new CliFailure(`${path} has no users to import`);
      const now = cli.deps.clock.now();
      const users: UserRecord[] = rows.map((row) => ({
        id: randomBytes(16).toString('base64url'),
        email: row.email,
        passwordHash: row.passwordHash,
        roles: row.roles,
        createdAt: now,
        disabledAt: null,
        emailVerified: false,
      }));
      const taken = await cli.store.insertUsers(users);
      if (taken.length > 0) {
        // Someone registered one of these emails after the check: still nothing imported.
        const lineByEmail = new Map(rows.map((row) => [row.email, row.line]));
        return reportProblems(
          taken.map((email) => ({
            line: lineByEmail.get(email) ?? 0,
            reason: 'email belongs to an existing user',
          })),
          (text) => io.err(text),
        );
      }
      const bcrypt = rows.filter((row) => row.kind === 'bcrypt').length;
      await recordAuditEvent(cli.deps, {
        type: 'users.imported',
        userId: null,
        sessionId: null,
        ip: null,
        userAgent: null,
        detail: { via: 'cli', count: rows.length, bcrypt, scrypt: rows.length - bcrypt },
      });
      io.out(
        `imported ${rows.length} user(s) (${bcrypt} bcrypt, ${rows.length - bcrypt} scrypt); ` +
          'each is rehashed to argon2id at their next sign-in\n',
      );
      return 0;
    });
  },
};

function reportProblems(problems: ImportProblem[], err: (text: string) => void): number {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  for (const problem of sorted.slice(0, MAX_PRINTED_PROBLEMS))
    err(`line ${problem.line}: ${problem.reason}\n`);
  if (sorted.length > MAX_PRINTED_PROBLEMS) err(`… and ${sorted.length - MAX_PRINTED_PROBLEMS} more\n`);
  err(`tessera: ${sorted.length} bad row(s); nothing was imported\n`);
  return 1;
}

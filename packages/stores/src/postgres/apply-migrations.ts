import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import pg from 'pg';
import type { PostgresMigration } from './migrations.js';

interface AppliedMigrationRow {
  version: number;
  name: string;
}

/**
 * Brings `schema` (created if missing) up to the latest of `migrations` in one transaction and resolves
 * the versions it applied (none when already current). Throws, changing nothing, when the schema records a
 * version this code does not know (it was written by a newer Tessera) or a known version under another name.
 *
 * The transaction first takes a transaction-scoped advisory lock named after the schema, so of several
 * instances starting together on a new database exactly one migrates; the others wait for its commit,
 * then find every version recorded and apply nothing.
 *
 * @example
 * await applyMigrations(client, 'public', migrations); // [1, 2] on a new database, [] on every later open
 */
export async function applyMigrations(
  client: ClientBase,
  schema: string,
  migrations: readonly PostgresMigration[],
): Promise<number[]> {
  checkMigrationList(migrations);
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const quotedSchema = pg.escapeIdentifier(schema);

  await client.query('BEGIN');
  try {
    // The wait for another instance's migrations is bounded by the pool's statement_timeout (10 s), ample
    // for today's migrations; one that rewrites a big table must SET LOCAL a longer timeout of its own.
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    // Checked before creating: CREATE … IF NOT EXISTS still demands the CREATE privilege, and a runtime
    // role that only reads and writes rows must be able to open an up-to-date schema.
    const schemaExists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (schemaExists.rowCount === 0) await client.query(`CREATE SCHEMA ${quotedSchema}`);
    // Only this transaction, and only the store's schema: migrations name their tables unqualified.
    await client.query(`SET LOCAL search_path TO ${quotedSchema}`);
    const tableExists = await client.query<{ found: string | null }>(
      `SELECT to_regclass(format('%I.schema_migrations', $1::text))::text AS found`,
      [schema],
    );
    if (tableExists.rows[0]?.found == null) {
      await client.query(`CREATE TABLE schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`);
    }
    const applied = (
      await client.query<AppliedMigrationRow>('SELECT version, name FROM schema_migrations ORDER BY version')
    ).rows;

    const newest = applied.at(-1);
    if (newest !== undefined && newest.version > latestKnown) {
      throw new Error(
        `The PostgreSQL schema ${quotedSchema} has schema version ${newest.version}, newer than the ` +
          `${latestKnown} this version of Tessera knows: it was written by a newer Tessera. Upgrade Tessera, ` +
          'or use another schema.',
      );
    }
    const known = new Map(migrations.map((migration) => [migration.version, migration.name]));
    for (const row of applied) {
      if (known.get(row.version) !== row.name) {
        throw new Error(
          `The PostgreSQL schema ${quotedSchema} records migration ${row.version} as "${row.name}", which this ` +
            'version of Tessera does not know: it was created by a different build. Refusing to open it.',
        );
      }
    }

    const appliedVersions = new Set(applied.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (appliedVersions.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      newlyApplied.push(migration.version);
    }
    await client.query('COMMIT');
    return newlyApplied;
  } catch (error) {
    // Best effort: when the connection itself failed the server has rolled back already, and the
    // original error is the one worth reporting.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

// The advisory-lock key of a schema's migrations: 64 bits of SHA-256 over a Tessera-specific name, so
// stores in different schemas of one database never wait for each other, and other applications'
// advisory locks are very unlikely to collide with ours. A signed 64-bit integer, as text.
function migrationLockKey(schema: string): string {
  return createHash('sha256').update(`tessera:migrations:${schema}`).digest().readBigInt64BE(0).toString();
}

// A bug in the list itself must fail every open, in tests first, not corrupt someone's database.
function checkMigrationList(migrations: readonly PostgresMigration[]): void {
  // Strictly increasing from 1; a gap is allowed (features built side by side reserve their numbers,
  // docs/decisions/0040-session-authentication.md), and applying skips only the versions recorded.
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (
      !Number.isSafeInteger(migration.version) ||
      migration.version <= previous ||
      (index === 0 && migration.version !== 1)
    ) {
      throw new TypeError(
        `PostgreSQL migrations must be numbered 1, 2, 3… in order; found ${migration.version} at ${index}.`,
      );
    }
  });
}

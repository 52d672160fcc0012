import type { Database } from 'better-sqlite3';
import type { SqliteMigration } from './migrations.js';

interface AppliedMigrationRow {
  version: number;
  name: string;
}

/**
 * Brings the database up to the latest of `migrations` in one IMMEDIATE transaction and resolves the
 * versions it applied (none when already current). Throws, changing nothing, when the database records a
 * version this code does not know (it was written by a newer Tessera) or a known version under another name.
 *
 * @example
 * applyMigrations(db, migrations); // [1] on a new file, [] on every later open
 */
export function applyMigrations(db: Database, migrations: readonly SqliteMigration[]): number[] {
  checkMigrationList(migrations);
  const latestKnown = migrations.at(-1)?.version ?? 0;

  const migrate = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`);
    const applied = db
      .prepare<[], AppliedMigrationRow>('SELECT version, name FROM schema_migrations ORDER BY version')
      .all();

    const newest = applied.at(-1);
    if (newest !== undefined && newest.version > latestKnown) {
      throw new Error(
        `The database ${describe(db)} has schema version ${newest.version}, newer than the ${latestKnown} ` +
          'this version of Tessera knows: it was written by a newer Tessera. Upgrade Tessera, or open another file.',
      );
    }
    const known = new Map(migrations.map((migration) => [migration.version, migration.name]));
    for (const row of applied) {
      if (known.get(row.version) !== row.name) {
        throw new Error(
          `The database ${describe(db)} records migration ${row.version} as "${row.name}", which this version ` +
            'of Tessera does not know: it was created by a different build. Refusing to open it.',
        );
      }
    }

    const appliedVersions = new Set(applied.map((row) => row.version));
    const record = db.prepare<[number, string, number]>(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (appliedVersions.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });

  // IMMEDIATE takes the write lock before reading the recorded versions, so two processes opening the
  // same new file cannot both decide to apply migration 1: the second waits (busy_timeout), then sees it.
  return migrate.immediate();
}

// A bug in the list itself must fail every open, in tests first, not corrupt someone's database.
function checkMigrationList(migrations: readonly SqliteMigration[]): void {
  // Strictly increasing, not necessarily contiguous: features built side by side own numbers of their own.
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (!Number.isSafeInteger(migration.version) || migration.version <= previous) {
      throw new TypeError(
        `SQLite migrations must be numbered 1, 2, 3… in increasing order; found ${migration.version} at ${index}.`,
      );
    }
  });
}

function describe(db: Database): string {
  return db.memory ? 'in memory' : `at ${db.name}`;
}

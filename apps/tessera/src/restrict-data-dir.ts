import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tessera/core';
import { ConfigError } from './load-config.js';

/** The files Tessera keeps in `TESSERA_DATA_DIR`, by what they hold. */
export const DATA_DIR_FILES = {
  /** The generated server secret, when `TESSERA_SECRET` is not set. */
  secret: 'secret',
  /** The embedded SQLite database, when `DATABASE_URL` is not set. */
  database: 'tessera.db',
} as const;

/** Files SQLite keeps beside the database (WAL mode; the rollback journal of older files). */
const DATABASE_SIDE_FILES = ['-wal', '-shm', '-journal'];

const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/**
 * Makes `TESSERA_DATA_DIR` and Tessera's files in it readable by their owner only (DESIGN §3.2:
 * directory 0700, files 0600): creates the directory so, and tightens a directory or file that an
 * earlier version (or a hand) left wider, with a warning naming it. Only Tessera's own files are
 * touched, never the rest of a directory someone pointed the variable at. Throws `ConfigError`
 * when the mode cannot be changed (the process does not own the file).
 *
 * @example
 * restrictDataDir(config.dataDir, logger);
 * const db = openSqliteStore({ path: join(config.dataDir, DATA_DIR_FILES.database) });
 */
export function restrictDataDir(dataDir: string, logger: Logger): void {
  mkdirSync(dataDir, { recursive: true, mode: DIRECTORY_MODE });
  const database = join(dataDir, DATA_DIR_FILES.database);
  const targets: [string, number][] = [
    [dataDir, DIRECTORY_MODE],
    [join(dataDir, DATA_DIR_FILES.secret), FILE_MODE],
    [database, FILE_MODE],
    ...DATABASE_SIDE_FILES.map((suffix): [string, number] => [`${database}${suffix}`, FILE_MODE]),
  ];
  for (const [path, mode] of targets) {
    const stat = statSync(path, { throwIfNoEntry: false });
    // Only group and other bits are taken away: an owner-only mode stricter than ours stays.
    if (stat === undefined || (stat.mode & 0o077) === 0) continue;
    try {
      chmodSync(path, mode);
    } catch (error) {
      throw new ConfigError(
        `TESSERA_DATA_DIR: ${path} is readable by others (${formatMode(stat.mode)}) and its mode cannot be changed to ${formatMode(mode)}`,
        { cause: error },
      );
    }
    logger.warn('data directory: a path readable by others is now readable by its owner only', {
      path,
      from: formatMode(stat.mode),
      to: formatMode(mode),
    });
  }
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServerSecrets, type Logger, type ServerSecrets } from '@tessera/core';
import { DATA_DIR_FILES, restrictDataDir } from './restrict-data-dir.js';

/**
 * `TESSERA_SECRET` when set; otherwise the secret kept in the data directory, created on first
 * start (mode 0600, in a 0700 directory; wider modes are tightened) so `npm start` works with no configuration. Production deployments set
 * `TESSERA_SECRET` from a secret manager, and every instance gets the same one.
 *
 * @example
 * const secrets = loadServerSecrets(config.secret, config.dataDir, logger);
 */
export function loadServerSecrets(secret: string | null, dataDir: string, logger: Logger): ServerSecrets {
  if (secret !== null) return parseServerSecrets(secret, 'TESSERA_SECRET');
  restrictDataDir(dataDir, logger);
  const path = join(dataDir, DATA_DIR_FILES.secret);
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    logger.warn(
      'TESSERA_SECRET is not set: generated a secret in the data directory; set TESSERA_SECRET in production',
      {
        path,
      },
    );
  }
  return parseServerSecrets(readFileSync(path, 'utf8').trim(), `the secret file ${path}`);
}

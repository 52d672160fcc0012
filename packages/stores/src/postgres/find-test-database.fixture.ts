import pg from 'pg';
import { requireService } from '../lib/require-service.js';

/** The PostgreSQL database the tests use, or why they are skipped. */
export interface TestDatabase {
  /** The connection string that answered (the first candidate when none did). */
  url: string;
  /** `false` when it answered; otherwise the reason, for `describe(…, { skip })`. */
  skip: string | false;
}

// The shared PostgreSQL of ../shared/SERVICES.md trusts local connections, as `postgres` on most
// machines; some images only have a `root` role.
const defaultCandidates = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/**
 * Finds the database the PostgreSQL tests run against: `TESSERA_TEST_DATABASE_URL` when set (and only
 * that), otherwise the shared service as `postgres`, then as `root`. Follows the service availability rule
 * of `requireService`: unreachable means skipped loudly on a developer machine and failed when `CI` is
 * set. Tests isolate themselves in schemas of their own; they never change the database itself.
 *
 * @example
 * const database = await findTestDatabase();
 * describe('openPostgresStore', { skip: database.skip }, () => { … database.url … });
 */
export async function findTestDatabase(): Promise<TestDatabase> {
  const override = process.env['TESSERA_TEST_DATABASE_URL'];
  const candidates = override !== undefined && override !== '' ? [override] : defaultCandidates;
  let url = candidates[0] ?? '';
  const { skip } = await requireService(`PostgreSQL at ${candidates.map(redact).join(' or ')}`, async () => {
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        await probe(candidate);
        url = candidate;
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  });
  return { url, skip };
}

async function probe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // A server that goes away while the probe client is open must not crash the test process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

// A password in TESSERA_TEST_DATABASE_URL must not end up in a skip message or a CI log.
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable connection string)';
  }
}

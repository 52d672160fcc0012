// What the server tests and the adapter tests share: cookie names, a clock the test moves, a
// cheap-but-real argon2id hasher, and the shape of an HTTP exchange seen from the client.
import type { Clock } from '@tessera/core';
import { createPasswordHasher, type PasswordHasher } from '@tessera/core/password';

export const SESSION_COOKIE = '__Host-tessera-session';
export const ACCESS_COOKIE = '__Host-tessera-access';
export const REFRESH_COOKIE = '__Secure-tessera-refresh';
export const PASSWORD = 'correct horse battery staple';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  #ms: number;
  constructor(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.#ms = start;
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advanceSeconds(seconds: number): void {
    this.#ms += seconds * 1000;
  }
}

/** Real argon2id with small parameters: the production code path, a fraction of the time. */
export const fastHasher: PasswordHasher = createPasswordHasher({
  argon2: { memoryCostKiB: 1024, timeCost: 1, parallelism: 1 },
});

/** One HTTP answer as the test sees it. */
export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed body when it is JSON, else undefined. */
  json: any;
  setCookies: string[];
}

/** The value a response sets for cookie `name`, or null; '' when the response clears it. */
export function cookieFrom(result: HttpResult, name: string): string | null {
  for (const line of result.setCookies) {
    if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(';', 1)[0] ?? '';
  }
  return null;
}

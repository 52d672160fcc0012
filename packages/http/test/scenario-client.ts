import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TesseraDeps, TesseraStore } from '@tessera/core';
import {
  cookieFrom,
  fastHasher,
  openStream,
  PASSWORD,
  send,
  SESSION_COOKIE,
  type HttpResult,
  type OpenStream,
  type RequestOptions,
  type TestClock,
} from './harness.js';

/** What a scenario can do: talk HTTP to the adapter's application, move time, reach the store. */
export class ScenarioClient {
  readonly url: string;
  readonly clock: TestClock;
  readonly store: TesseraStore;
  readonly deps: TesseraDeps;
  #emails = 0;

  constructor(init: { url: string; clock: TestClock; store: TesseraStore; deps: TesseraDeps }) {
    this.url = init.url;
    this.clock = init.clock;
    this.store = init.store;
    this.deps = init.deps;
  }

  send(method: string, path: string, options?: RequestOptions): Promise<HttpResult> {
    return send(this.url, method, path, options);
  }

  openStream(path: string, headers?: Record<string, string>): Promise<OpenStream> {
    return openStream(this.url, path, headers);
  }

  /** A fresh address for this scenario. */
  email(prefix = 'user'): string {
    this.#emails += 1;
    return `${prefix}.${this.#emails}@example.com`;
  }

  /** Registers a user and returns the answer (201 asserted). */
  async register(email = this.email(), transport?: 'bearer'): Promise<HttpResult> {
    const body =
      transport === undefined ? { email, password: PASSWORD } : { email, password: PASSWORD, transport };
    const result = await this.send('POST', '/auth/register', { body });
    assert.equal(result.status, 201, result.text);
    return result;
  }

  /** Registers a user with the cookie transport and returns the session cookie's value. */
  async signUp(email = this.email()): Promise<string> {
    const token = cookieFrom(await this.register(email), SESSION_COOKIE);
    assert.ok(token !== null && token !== '', 'register sets the session cookie');
    return token;
  }

  /** Logs in with the bearer transport and returns the token response. */
  async bearerLogin(email: string): Promise<{ access_token: string; refresh_token: string }> {
    const result = await this.send('POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    assert.equal(result.status, 200, result.text);
    return result.json;
  }

  /** Creates a user with `roles` straight in the store (the API has no role management) and returns its email. */
  async createUserWithRoles(roles: string[]): Promise<string> {
    const email = this.email('admin');
    const inserted = await this.store.insertUser({
      id: randomUUID(),
      email,
      passwordHash: await fastHasher.hash(PASSWORD),
      roles,
      createdAt: this.clock.now(),
      disabledAt: null,
      emailVerified: false,
    });
    assert.ok(inserted);
    return email;
  }
}

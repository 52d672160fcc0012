import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createCliDataDir, runTessera } from './cli-harness.js';
import { PASSWORD } from './harness.js';

describe('tessera users (SQLite)', () => {
  let data: ReturnType<typeof createCliDataDir>;
  beforeEach(() => {
    data = createCliDataDir();
  });
  afterEach(() => data.remove());

  it('--help lists every command; each command has its own --help; unknown ones exit 2', async () => {
    const help = await runTessera(['--help'], data.env);
    assert.equal(help.code, 0);
    for (const command of [
      'serve',
      'migrate',
      'users add',
      'users list',
      'users disable',
      'users enable',
      'users set-roles',
      'users verify-email',
      'users mfa',
      'users mfa-reset',
      'sessions list',
      'sessions revoke',
      'passkeys list',
      'keys list',
      'keys rotate',
      'audit tail',
      'import-users',
    ]) {
      assert.ok(help.out.includes(`  ${command}`), `${command} is listed`);
      const own = await runTessera([...command.split(' '), '--help'], data.env);
      assert.equal(own.code, 0, command);
      assert.match(own.out, new RegExp(`^Usage: tessera ${command}`));
    }
    assert.equal((await runTessera([], data.env)).code, 2);
    const unknown = await runTessera(['users', 'frobnicate'], data.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^tessera: unknown command "users frobnicate"/);
    assert.match(unknown.err, /users add/);
    assert.equal((await runTessera(['users', 'list', '--colour'], data.env)).code, 2);
    assert.equal((await runTessera(['users', 'disable'], data.env)).code, 2);
    assert.equal((await runTessera(['users', 'disable', 'a@b.c', 'extra'], data.env)).code, 2);
  });

  it('migrate creates the schema; a bad configuration is exit 1 with a message naming the variable', async () => {
    const migrated = await runTessera(['migrate'], data.env);
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.out, /up to date \(SQLite/);
    const bad = await runTessera(['users', 'list'], { ...data.env, DATABASE_URL: 'mysql://nope' });
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^tessera: .*DATABASE_URL/);
    assert.equal(bad.err.trim().split('\n').length, 1, 'one line');
  });

  it('add, list, search, set-roles, disable and enable act on the store the server uses', async () => {
    const added = await runTessera(['users', 'add', ' Ann@Example.COM ', '--role', 'admin'], data.env, {
      password: PASSWORD,
    });
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /^added ann@example\.com \(\S+\), roles: admin, enabled/);
    assert.ok(!added.out.includes(PASSWORD) && !added.err.includes(PASSWORD));
    assert.equal(
      (await runTessera(['users', 'add', 'bob@example.com'], data.env, { password: PASSWORD })).code,
      0,
    );

    const dup = await runTessera(['users', 'add', 'ann@example.com'], data.env, { password: PASSWORD });
    assert.equal(dup.code, 1);
    assert.match(dup.err, /^tessera: a user with the email ann@example.com exists already\n$/);
    const weak = await runTessera(['users', 'add', 'carl@example.com'], data.env, { password: 'password' });
    assert.equal(weak.code, 1);
    assert.match(weak.err, /^tessera: /);
    assert.equal(
      (await runTessera(['users', 'add', 'not-an-email'], data.env, { password: PASSWORD })).code,
      2,
    );
    assert.equal(
      (
        await runTessera(['users', 'add', 'd@example.com', '--role', 'bad role'], data.env, {
          password: PASSWORD,
        })
      ).code,
      2,
    );

    const list = await runTessera(['users', 'list'], data.env);
    assert.equal(list.code, 0, list.err);
    const lines = list.out.trim().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+EMAIL\s+ROLES\s+CREATED\s+DISABLED$/);
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(/\s+/)[1]),
      ['ann@example.com', 'bob@example.com'],
    );
    const paged = await runTessera(['users', 'list', '--limit', '1'], data.env);
    const cursor = /--after (\S+)/.exec(paged.out)?.[1];
    assert.ok(cursor, paged.out);
    const second = await runTessera(['users', 'list', '--limit', '1', '--after', cursor], data.env);
    assert.match(second.out, /bob@example\.com/);
    assert.doesNotMatch(second.out, /ann@example\.com|--after/);
    const search = await runTessera(['users', 'list', '--search', 'BOB'], data.env);
    assert.deepEqual(search.out.trim().split('\n').length, 2);
    assert.match(search.out, /bob@example\.com/);
    assert.equal((await runTessera(['users', 'list', '--limit', '0'], data.env)).code, 2);

    const roles = await runTessera(
      ['users', 'set-roles', 'bob@example.com', 'support', 'billing:read'],
      data.env,
    );
    assert.equal(roles.code, 0, roles.err);
    assert.match(roles.out, /roles: support, billing:read/);
    const cleared = await runTessera(['users', 'set-roles', 'bob@example.com'], data.env);
    assert.match(cleared.out, /no roles/);

    const disabled = await runTessera(['users', 'disable', 'bob@example.com'], data.env);
    assert.equal(disabled.code, 0, disabled.err);
    assert.match(disabled.out, /disabled since \d{4}-/);
    const enabled = await runTessera(['users', 'enable', 'bob@example.com'], data.env);
    assert.match(enabled.out, /, enabled\n/);

    const missing = await runTessera(['users', 'disable', 'nobody@example.com'], data.env);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, 'tessera: no user with the email "nobody@example.com"\n');
    assert.equal((await runTessera(['users', 'enable', 'no-such-id'], data.env)).code, 1);

    const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    try {
      const bob = await store.getUserByEmail('bob@example.com');
      assert.ok(bob);
      assert.deepEqual(bob.roles, []);
      assert.equal(bob.disabledAt, null);
      assert.match(bob.passwordHash ?? '', /^\$argon2id\$/);
      const events = await store.listAuditEvents({ userId: bob.id, type: null, before: null, limit: 50 });
      assert.deepEqual(events.map((event) => event.type).reverse(), [
        'user.registered',
        'user.roles_changed',
        'user.roles_changed',
        'user.disabled',
        'user.enabled',
      ]);
      for (const event of events) assert.equal(event.detail['via'], 'cli');
    } finally {
      await store.close();
    }

    const audit = await runTessera(['audit', 'tail', '--user', 'bob@example.com', '--limit', '2'], data.env);
    assert.equal(audit.code, 0, audit.err);
    const auditLines = audit.out.trim().split('\n');
    assert.equal(auditLines.length, 2);
    assert.match(auditLines[0] ?? '', /^\S+Z {2}user\.disabled {2}user=\S+ {2}session=- {2}ip=- {2}via=cli/);
    assert.match(auditLines[1] ?? '', /user\.enabled/);
    const byType = await runTessera(['audit', 'tail', '--type', 'user.registered'], data.env);
    assert.equal(byType.out.trim().split('\n').length, 2);
    assert.equal((await runTessera(['audit', 'tail', '--limit', 'many'], data.env)).code, 2);
    assert.equal((await runTessera(['audit', 'tail', '--type', 'DROP TABLE'], data.env)).code, 2);
  });

  it('takes ids and values that start with "-": as option values, after "=", and after "--" (issue 11)', async () => {
    // base64url ids start with "-" 1 in 64 times; these two are chosen, not drawn.
    const ids = ['-Ab3dEf6hIj9kLm2nOp5qR', '--Ab3dEf6hIj9kLm2nOp5q'];
    const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    try {
      for (const [index, id] of ids.entries()) {
        assert.ok(
          await store.insertUser({
            id,
            email: `dash${index}@example.com`,
            passwordHash: 'not-a-hash',
            roles: [],
            createdAt: new Date(),
            disabledAt: null,
            emailVerified: false,
          }),
        );
      }
    } finally {
      await store.close();
    }
    for (const id of ids) {
      for (const args of [
        ['users', 'set-roles', '--', id, 'support'],
        ['users', 'disable', '--', id],
        ['users', 'enable', '--', id],
        ['sessions', 'list', '--user', id],
        ['sessions', 'revoke', '--user', id],
        ['sessions', 'revoke', `--user=${id}`],
        ['audit', 'tail', '--user', id, '--limit', '3'],
        ['users', 'list', '--search', id.slice(0, 3)],
      ]) {
        const result = await runTessera(args, data.env);
        assert.equal(result.code, 0, `${args.join(' ')}: ${result.err}`);
      }
      const unknownSession = await runTessera(['sessions', 'revoke', '--session', id], data.env);
      assert.equal(unknownSession.code, 1, unknownSession.err);
      assert.equal(unknownSession.err, `tessera: no session with the id ${JSON.stringify(id)}\n`);
      // Without "--" an argument that starts with "-" is an option: refused, and the way out named.
      const bare = await runTessera(['users', 'disable', id], data.env);
      assert.equal(bare.code, 2);
      assert.match(bare.err, new RegExp(`^tessera: unknown option "${id}"; .* goes after "--"`));
    }
    const audit = await runTessera(['audit', 'tail', '--user', ids[0] ?? '', '--limit', '10'], data.env);
    assert.match(audit.out, /user\.roles_changed[^\n]*\n[^\n]*user\.disabled[^\n]*\n[^\n]*user\.enabled/);
    // "--help" after "--" is an argument, and help wins over any other mistake before it.
    const literal = await runTessera(['users', 'disable', '--', '--help'], data.env);
    assert.equal(literal.code, 1);
    assert.equal(literal.err, 'tessera: no user with the id "--help"\n');
    assert.equal((await runTessera(['users', 'list', '--colour', '--help'], data.env)).code, 0);
    // A value that is missing is still a usage error.
    assert.equal((await runTessera(['sessions', 'revoke', '--session'], data.env)).code, 2);
  });

  it('refuses to demote or disable the last enabled administrator (issue 11)', async () => {
    const add = (email: string, ...roles: string[]) =>
      runTessera(['users', 'add', email, ...roles.flatMap((role) => ['--role', role])], data.env, {
        password: PASSWORD,
      });
    assert.equal((await add('ann@example.com', 'admin')).code, 0);
    for (const args of [
      ['users', 'set-roles', 'ann@example.com'],
      ['users', 'set-roles', 'ann@example.com', 'support'],
      ['users', 'disable', 'ann@example.com'],
    ]) {
      const refused = await runTessera(args, data.env);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.err, /^tessera: This is the last enabled administrator: make another user/);
    }
    assert.match((await runTessera(['users', 'list'], data.env)).out, /ann@example\.com\s+admin\s/);
    assert.equal((await add('bob@example.com', 'admin')).code, 0);
    assert.equal((await runTessera(['users', 'disable', 'ann@example.com'], data.env)).code, 0);
    assert.equal((await runTessera(['users', 'set-roles', 'bob@example.com'], data.env)).code, 1);
  });

  it('audit tail --follow prints new events as they are written, until stopped', async () => {
    await runTessera(['users', 'add', 'ann@example.com'], data.env, { password: PASSWORD });
    const stop = new AbortController();
    let out = '';
    const { runCli } = await import('../src/run-cli.js');
    const following = runCli(['audit', 'tail', '--follow'], data.env, {
      out: (text) => (out += text),
      err: () => undefined,
      signal: stop.signal,
    });
    await runTessera(['users', 'disable', 'ann@example.com'], data.env);
    const deadline = Date.now() + 10_000;
    while (!out.includes('user.disabled') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stop.abort();
    assert.equal(await following, 0);
    assert.match(out, /user\.registered[^\n]*\n[^\n]*user\.disabled/);
    assert.equal(out.match(/user\.registered/g)?.length, 1, 'printed once');
  });

  it('keys list and rotate go through the same store as the other commands', async () => {
    const list = await runTessera(['keys', 'list'], data.env);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /EdDSA\s+signing/);
    const rotated = await runTessera(['keys', 'rotate', '--now'], data.env);
    assert.equal(rotated.code, 0, rotated.err);
    assert.match(rotated.out, /added key/);
  });
});

import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyMigrations } from './apply-migrations.js';
import { migrations } from './migrations.js';

describe('applyMigrations', () => {
  it('applies every migration on a new database, then nothing', () => {
    const db = new Database(':memory:');
    try {
      assert.deepEqual(
        applyMigrations(db, migrations),
        migrations.map((migration) => migration.version),
      );
      assert.deepEqual(applyMigrations(db, migrations), []);
    } finally {
      db.close();
    }
  });

  it('applies only the migrations added since the last open', () => {
    const db = new Database(':memory:');
    try {
      const first = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT' };
      const second = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER) STRICT' };
      assert.deepEqual(applyMigrations(db, [first]), [1]);
      assert.deepEqual(applyMigrations(db, [first, second]), [2]);
      assert.deepEqual(applyMigrations(db, [first, second]), []);
    } finally {
      db.close();
    }
  });

  it('rolls back a failing migration entirely, recording nothing', () => {
    const db = new Database(':memory:');
    try {
      const broken = {
        version: 1,
        name: 'broken',
        sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (x INTEGER);',
      };
      assert.throws(() => applyMigrations(db, [broken]), /already exists/);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all();
      assert.deepEqual(tables, []);
    } finally {
      db.close();
    }
  });

  it('throws TypeError for a list that is not numbered in increasing order', () => {
    const db = new Database(':memory:');
    try {
      const two = { version: 2, name: 'two', sql: '' };
      const one = { version: 1, name: 'one', sql: '' };
      assert.throws(() => applyMigrations(db, [two, one]), TypeError);
      assert.throws(() => applyMigrations(db, [one, one]), TypeError);
      assert.throws(() => applyMigrations(db, [{ version: 0, name: 'zero', sql: '' }]), TypeError);
    } finally {
      db.close();
    }
  });
});

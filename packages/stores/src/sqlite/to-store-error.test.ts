import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toStoreError } from './to-store-error.js';

describe('toStoreError', () => {
  for (const code of [
    'SQLITE_BUSY',
    'SQLITE_IOERR_WRITE',
    'SQLITE_FULL',
    'SQLITE_CORRUPT',
    'SQLITE_READONLY',
  ]) {
    it(`turns ${code} into StoreUnavailableError with the driver error as cause`, () => {
      const driverError = new Database.SqliteError('row data that must not leak', code);
      const translated = toStoreError(driverError, 'getSession');
      assert.ok(translated instanceof StoreUnavailableError);
      assert.equal(translated.code, 'ERR_STORE_UNAVAILABLE');
      assert.equal(translated.cause, driverError);
      assert.equal(translated.message, `SQLite store: getSession failed (${code}).`);
    });
  }

  it('turns the driver’s closed-connection TypeError into StoreUnavailableError', () => {
    const driverError = new TypeError('The database connection is not open');
    assert.ok(toStoreError(driverError, 'ping') instanceof StoreUnavailableError);
  });

  it('returns constraint violations and caller bugs unchanged', () => {
    for (const error of [
      new Database.SqliteError('FOREIGN KEY constraint failed', 'SQLITE_CONSTRAINT_FOREIGNKEY'),
      new Database.SqliteError('UNIQUE constraint failed: sessions.id', 'SQLITE_CONSTRAINT_PRIMARYKEY'),
      new TypeError('incrementCounter: delta must be a safe integer.'),
      new RangeError('Too few parameter values were provided'),
    ]) {
      assert.equal(toStoreError(error, 'insertSession'), error);
    }
  });
});

import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { toStoreError } from './to-store-error.js';

function databaseError(
  code: string,
  message = 'Key (id)=(secret-row-data) already exists.',
): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

describe('toStoreError', () => {
  for (const code of [
    '57P01',
    '57P02',
    '57P03',
    '08006',
    '08001',
    '08P01',
    '57014',
    '53300',
    '58030',
    'XX001',
    '3D000',
    '28P01',
    '42P01',
  ]) {
    it(`turns SQLSTATE ${code} into StoreUnavailableError with the driver error as cause and no row data`, () => {
      const driverError = databaseError(code);
      const translated = toStoreError(driverError, 'getSession');
      assert.ok(translated instanceof StoreUnavailableError);
      assert.equal(translated.code, 'ERR_STORE_UNAVAILABLE');
      assert.equal(translated.cause, driverError);
      assert.equal(translated.message, `PostgreSQL store: getSession failed (SQLSTATE ${code}).`);
    });
  }

  for (const code of [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
  ]) {
    it(`turns a network ${code} into StoreUnavailableError`, () => {
      const driverError = systemError(code);
      const translated = toStoreError(driverError, 'ping');
      assert.ok(translated instanceof StoreUnavailableError);
      assert.equal(translated.cause, driverError);
      assert.equal(translated.message, `PostgreSQL store: ping failed (${code}).`);
    });
  }

  it('looks inside the AggregateError Node throws when every address of a host name refuses', () => {
    const driverError = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], '');
    assert.ok(toStoreError(driverError, 'ping') instanceof StoreUnavailableError);
  });

  for (const message of [
    'Connection terminated unexpectedly',
    'Connection terminated',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Query read timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'Cannot use a pool after calling end on the pool',
    'The server does not support SSL connections',
  ]) {
    it(`turns the driver’s "${message}" into StoreUnavailableError`, () => {
      const driverError = new Error(message);
      const translated = toStoreError(driverError, 'insertUser');
      assert.ok(translated instanceof StoreUnavailableError);
      assert.equal(translated.cause, driverError);
    });
  }

  it('returns constraint violations, data exceptions and caller bugs unchanged', () => {
    for (const error of [
      databaseError('23505'),
      databaseError('23503'),
      databaseError('23514'),
      databaseError('22021'),
      databaseError('22P02'),
      new TypeError('incrementCounter: delta must be a safe integer.'),
      new TypeError('Connection terminated'),
      new RangeError('Invalid time value'),
      new Error('The PostgreSQL schema "public" has schema version 3, newer than the 2 this version knows'),
      'not even an Error',
    ]) {
      assert.equal(toStoreError(error, 'insertSession'), error);
    }
  });

  it('returns a StoreUnavailableError unchanged', () => {
    const error = new StoreUnavailableError('PostgreSQL store: ping failed (closed).', undefined);
    assert.equal(toStoreError(error, 'ping'), error);
  });
});

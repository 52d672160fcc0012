import type { PendingLoginRecord } from '@tessera/core/store';
import { checkAmr } from './check-amr.js';
import { checkDate } from './check-date.js';

/**
 * Checks a TOTP time step (a non-negative safe integer); a bad one is a caller bug (`TypeError`).
 *
 * @example
 * checkStep(step, 'acceptTotpStep');
 */
export function checkStep(step: number, operation: string): number {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new TypeError(`${operation}: step must be a non-negative whole number.`);
  }
  return step;
}

/**
 * Checks a non-empty string argument (sealed secrets, hashes); a bad one is a caller bug (`TypeError`).
 *
 * @example
 * checkText(sealed, 'setPendingTotp: pendingSealedSecret');
 */
export function checkText(value: string, what: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string.`);
  return value;
}

/**
 * Checks a pending login before it is stored; returns its instants in milliseconds.
 *
 * @example
 * const { createdAtMillis, expiresAtMillis } = checkPendingLogin(login);
 */
export function checkPendingLogin(login: PendingLoginRecord): {
  createdAtMillis: number;
  expiresAtMillis: number;
} {
  checkText(login.id, 'insertPendingLogin: id');
  checkText(login.secretHash, 'insertPendingLogin: secretHash');
  if (!['cookie', 'jwt-cookie', 'bearer'].includes(login.transport)) {
    throw new TypeError('insertPendingLogin: transport must be cookie, jwt-cookie or bearer.');
  }
  checkAmr(login.amr, 'insertPendingLogin');
  if (!Number.isSafeInteger(login.failures) || login.failures < 0) {
    throw new TypeError('insertPendingLogin: failures must be a non-negative whole number.');
  }
  return {
    createdAtMillis: checkDate(login.createdAt, 'insertPendingLogin: createdAt'),
    expiresAtMillis: checkDate(login.expiresAt, 'insertPendingLogin: expiresAt'),
  };
}

/**
 * Checks the failure bound of `recordPendingLoginFailure` (at least 1).
 *
 * @example
 * checkMaxFailures(5);
 */
export function checkMaxFailures(maxFailures: number): number {
  if (!Number.isSafeInteger(maxFailures) || maxFailures < 1) {
    throw new TypeError('recordPendingLoginFailure: maxFailures must be a whole number of at least 1.');
  }
  return maxFailures;
}

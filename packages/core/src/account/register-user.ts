import { EmailTakenError, InvalidRequestError } from '../errors.js';
import { checkNewPassword } from '../password/check-new-password.js';
import type { CreatedSession } from '../session/create-session.js';
import type { SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { deliverInBackground, reserveMessage } from './account-mail.js';
import { mailVerificationLink } from './mail-verification-link.js';
import { normalizeEmail } from './normalize-email.js';
import { recordAuditEvent } from './record-audit-event.js';
import { reserveRegistration } from './reserve-registration.js';
import { startSession } from './start-session.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * A registration as the client sent it (already type-checked as strings).
 *
 * @example
 * const input: RegisterInput = { email, password, transport: 'cookie', presentedSession: null, origin };
 * const { user, session, token } = await registerUser(deps, input);
 */
export interface RegisterInput {
  email: string;
  password: string;
  transport: SessionTransport;
  /** The valid session the client presented, if any: it is replaced. */
  presentedSession: SessionRecord | null;
  origin: RequestOrigin;
}

/**
 * Creates an account and signs it in. Throws `RateLimitedError` once the client IP has used up its
 * registrations (every attempt counts, see `reserveRegistration`), `InvalidRequestError` for a bad
 * email, `WeakPasswordError` for a password the policy refuses, `EmailTakenError` for a taken email.
 *
 * @example
 * const { user, token } = await registerUser(deps, { email, password, transport: 'cookie', presentedSession: null, origin });
 */
export async function registerUser(
  deps: TesseraDeps,
  input: RegisterInput,
): Promise<CreatedSession & { user: UserRecord }> {
  await reserveRegistration(deps, input.origin.ip);
  const email = normalizeEmail(input.email);
  if (email === null) throw new InvalidRequestError('Enter a valid email address.');
  const password = checkNewPassword(input.password);
  if ((await deps.store.getUserByEmail(email)) !== null) throw new EmailTakenError();
  const user: UserRecord = {
    id: Buffer.from(deps.randomBytes(16)).toString('base64url'),
    email,
    passwordHash: await deps.passwordHasher.hash(password),
    roles: [],
    createdAt: deps.clock.now(),
    disabledAt: null,
    emailVerified: false,
  };
  // The unique index settles a race between two registrations of the same email.
  if (!(await deps.store.insertUser(user))) throw new EmailTakenError();
  await recordAuditEvent(deps, {
    type: 'user.registered',
    userId: user.id,
    sessionId: null,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: {},
  });
  await mailVerificationLink(deps, user, { wait: false });
  const created = await startSession(deps, user, input.transport, input.presentedSession, input.origin, [
    'pwd',
  ]);
  await recordLogin(deps, user, created.session, input.origin);
  return { ...created, user };
}

/**
 * Registration under `TESSERA_EMAIL_VERIFICATION=required` (DESIGN §7): no session, and the same
 * answer for a new and a taken address. A new account gets a verification link; the owner of a taken
 * address gets a "you already have an account" mail (with a link to reset the password) instead of
 * a 409 that would tell anyone the address has an account. The password is hashed on both paths, so
 * the time taken does not tell either. Throws `RateLimitedError`, `InvalidRequestError`,
 * `WeakPasswordError` (about the input only, never about the account).
 *
 * @example
 * await registerUnverifiedUser(deps, { email, password, origin });
 */
export async function registerUnverifiedUser(
  deps: TesseraDeps,
  input: { email: string; password: string; origin: RequestOrigin },
): Promise<void> {
  await reserveRegistration(deps, input.origin.ip);
  const email = normalizeEmail(input.email);
  if (email === null) throw new InvalidRequestError('Enter a valid email address.');
  const password = checkNewPassword(input.password);
  const passwordHash = await deps.passwordHasher.hash(password);
  if ((await deps.store.getUserByEmail(email)) === null) {
    const user: UserRecord = {
      id: Buffer.from(deps.randomBytes(16)).toString('base64url'),
      email,
      passwordHash,
      roles: [],
      createdAt: deps.clock.now(),
      disabledAt: null,
      emailVerified: false,
    };
    if (await deps.store.insertUser(user)) {
      await recordAuditEvent(deps, {
        type: 'user.registered',
        userId: user.id,
        sessionId: null,
        ip: input.origin.ip,
        userAgent: input.origin.userAgent,
        detail: { verification: 'required' },
      });
      await mailVerificationLink(deps, user, { wait: false });
      return;
    }
  }
  const holder = await deps.store.getUserByEmail(email);
  if (holder === null || !(await reserveMessage(deps, 'account-exists', email))) return;
  deliverInBackground(deps, {
    kind: 'account-exists',
    to: email,
    userId: holder.id,
    link: { page: '/forgot-password', token: null, ttlSeconds: null },
  });
}

/** Records a successful sign-in. */
export async function recordLogin(
  deps: TesseraDeps,
  user: UserRecord,
  session: SessionRecord,
  origin: RequestOrigin,
  /** More facts for the audit log (a passkey sign-in says `method: 'passkey'`). */
  detail: Readonly<Record<string, string>> = {},
): Promise<void> {
  await recordAuditEvent(deps, {
    type: 'login.succeeded',
    userId: user.id,
    sessionId: session.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { ...detail, transport: session.transport },
  });
}

import { normalizeEmail } from '../account/normalize-email.js';
import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import { requireSecondStepIfEnrolled } from '../mfa/two-step-login.js';
import { startSession } from '../account/start-session.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { AccountDisabledError, AccountExistsError, OAuthFailedError } from '../errors.js';
import type { CreatedSession } from '../session/create-session.js';
import type { SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import type { ProviderProfile } from './provider-profile.js';

/** A provider sign-in whose identity the provider has vouched for. */
export interface ProviderSignInInput {
  provider: string;
  profile: ProviderProfile;
  transport: SessionTransport;
  /** The valid session the client presented, if any: it is revoked and replaced (no fixation). */
  presentedSession: SessionRecord | null;
  origin: RequestOrigin;
  /** `TESSERA_OAUTH_LINK_VERIFIED_EMAIL`. */
  linkVerifiedEmail: boolean;
}

/**
 * Signs in with a provider identity (DESIGN §8) and creates a session exactly as a login does.
 * The identity is (provider, subject), never the email:
 * - a linked identity signs its user in (`AccountDisabledError` when the account is disabled);
 * - a new identity whose address no user has creates a user without a password;
 * - a new identity whose address an account already has is `AccountExistsError`, unless
 *   `linkVerifiedEmail` is on and the provider verified the address: then it is linked to that account.
 *
 * @example
 * const { user, token } = await signInWithProvider(deps, { provider: 'google', profile, transport: 'cookie', presentedSession: null, origin, linkVerifiedEmail: false });
 */
export async function signInWithProvider(
  deps: TesseraDeps,
  input: ProviderSignInInput,
): Promise<CreatedSession & { user: UserRecord }> {
  const user = await findOrCreateProviderUser(deps, input);
  if (user.disabledAt !== null) throw new AccountDisabledError();
  // A provider sign-in is one factor: a user with TOTP still completes the second step (DESIGN §8, §9).
  await requireSecondStepIfEnrolled(deps, user, input.transport, ['fed'], input.origin);
  const created = await startSession(deps, user, input.transport, input.presentedSession, input.origin, [
    'fed',
  ]);
  await recordAuditEvent(deps, {
    type: 'login.succeeded',
    userId: user.id,
    sessionId: created.session.id,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { transport: created.session.transport, provider: input.provider },
  });
  return { ...created, user };
}

async function findOrCreateProviderUser(deps: TesseraDeps, input: ProviderSignInInput): Promise<UserRecord> {
  const { provider, profile } = input;
  const linked = await deps.store.getIdentity(provider, profile.subject);
  if (linked !== null) return requireUser(deps, linked.userId);
  const email = profile.email === null ? null : normalizeEmail(profile.email);
  if (email === null) throw new OAuthFailedError('The provider did not give a usable email address.');
  const existing = await deps.store.getUserByEmail(email);
  if (existing !== null) {
    // Never a silent takeover: whoever controls an address at a provider that does not verify it
    // would otherwise walk into the account that owns it.
    if (!(input.linkVerifiedEmail && profile.emailVerified)) throw new AccountExistsError();
    if (existing.disabledAt !== null) throw new AccountDisabledError();
    await insertIdentity(deps, existing.id, input, email, 'email');
    return existing;
  }
  const user: UserRecord = {
    id: Buffer.from(deps.randomBytes(16)).toString('base64url'),
    email,
    // No password: login answers these users `invalid_credentials` like a wrong password.
    passwordHash: null,
    // The provider says whether it checked the address (DESIGN §8).
    emailVerified: profile.emailVerified,
    roles: [],
    createdAt: deps.clock.now(),
    disabledAt: null,
  };
  if (!(await deps.store.insertUser(user))) {
    // A concurrent first sign-in with the same identity created the user a moment ago.
    const raced = await deps.store.getIdentity(provider, profile.subject);
    if (raced !== null) return requireUser(deps, raced.userId);
    throw new AccountExistsError();
  }
  await recordAuditEvent(deps, {
    type: 'user.registered',
    userId: user.id,
    sessionId: null,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { provider, emailVerified: profile.emailVerified },
  });
  await insertIdentity(deps, user.id, input, email, 'new-user');
  return user;
}

async function requireUser(deps: TesseraDeps, userId: string): Promise<UserRecord> {
  const user = await deps.store.getUserById(userId);
  if (user === null) throw new OAuthFailedError('The linked account no longer exists.');
  return user;
}

async function insertIdentity(
  deps: TesseraDeps,
  userId: string,
  input: Pick<ProviderSignInInput, 'provider' | 'profile' | 'origin'>,
  email: string,
  reason: string,
  sessionId: string | null = null,
): Promise<void> {
  const inserted = await deps.store.insertIdentity({
    provider: input.provider,
    subject: input.profile.subject,
    userId,
    email,
    emailVerified: input.profile.emailVerified,
    linkedAt: deps.clock.now(),
  });
  // Taken meanwhile, or the user already has another identity at this provider.
  if (!inserted) throw new AccountExistsError();
  await recordAuditEvent(deps, {
    type: 'identity.linked',
    userId,
    sessionId,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { provider: input.provider, reason },
  });
}

/** A signed-in user linking a provider identity (`link=true`). */
export interface LinkProviderInput {
  user: UserRecord;
  session: SessionRecord;
  provider: string;
  profile: ProviderProfile;
  origin: RequestOrigin;
}

/**
 * Links a provider identity to the signed-in user. Linking the identity the user already has is a
 * no-op; an identity of another user, or a second identity at the same provider, is `AccountExistsError`.
 *
 * @example
 * await linkProviderIdentity(deps, { user, session, provider: 'google', profile, origin });
 */
export async function linkProviderIdentity(deps: TesseraDeps, input: LinkProviderInput): Promise<void> {
  const linked = await deps.store.getIdentity(input.provider, input.profile.subject);
  if (linked !== null) {
    if (linked.userId === input.user.id) return;
    throw new AccountExistsError();
  }
  const email =
    (input.profile.email === null ? null : normalizeEmail(input.profile.email)) ?? input.user.email;
  await insertIdentity(deps, input.user.id, input, email, 'linked-by-user', input.session.id);
}

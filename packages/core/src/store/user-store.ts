/**
 * An account. `email` is stored normalized (see `normalizeEmail`) and is unique.
 *
 * @example
 * const user: UserRecord | null = await store.getUserByEmail(normalizeEmail(' Alice@Example.com ') ?? '');
 * if (user !== null && user.disabledAt === null && hasRole(user, 'admin')) console.log(user.id);
 */
export interface UserRecord {
  id: string;
  email: string;
  /**
   * A PHC-format hash: argon2id for our own, bcrypt or scrypt for imported users until their next login.
   * `null`: the user has no password (created by a provider sign-in, DESIGN §8) and cannot log in with one.
   */
  passwordHash: string | null;
  roles: string[];
  createdAt: Date;
  disabledAt: Date | null;
  /** Whether the owner of `email` proved it by following a link mailed to it (DESIGN §7). */
  emailVerified: boolean;
}

/**
 * Filters for `listUsers`; results come in email order (byte order of the UTF-8 encoding).
 *
 * @example
 * const query: UserQuery = { emailContains: '@example.com', afterEmail: null, limit: 50 };
 * const users = await store.listUsers(query);
 */
export interface UserQuery {
  /** Only users whose stored (normalized) email contains this string; `null` for every user. */
  emailContains: string | null;
  /** Only users whose email sorts strictly after this one (paging); `null` from the start. */
  afterEmail: string | null;
  limit: number;
}

/**
 * Accounts.
 *
 * @example
 * const users: UserStore = store;
 * const inserted = await users.insertUser({ id, email: 'alice@example.com', passwordHash, roles: [], createdAt: new Date(), disabledAt: null });
 * if (!inserted) throw new EmailTakenError();
 */
export interface UserStore {
  /** Inserts the user; resolves `false` (and stores nothing) when the email is taken. */
  insertUser(user: UserRecord): Promise<boolean>;
  getUserById(id: string): Promise<UserRecord | null>;
  /** `email` must already be normalized. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  updateUserPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Users matching `query`, in email order, at most `query.limit`. */
  listUsers(query: UserQuery): Promise<UserRecord[]>;
  /** Sets (or, with `null`, clears) `disabledAt`; resolves the updated user, `null` for an unknown id. */
  updateUserDisabledAt(userId: string, disabledAt: Date | null): Promise<UserRecord | null>;
  /** Replaces the roles; resolves the updated user, `null` for an unknown id. */
  updateUserRoles(userId: string, roles: readonly string[]): Promise<UserRecord | null>;
  /**
   * Ids of enabled users (`disabledAt` null) holding exactly `role`, at most `limit`, in id order:
   * whether an administrator would remain after a change.
   */
  listEnabledUserIdsWithRole(role: string, limit: number): Promise<string[]>;
  /**
   * Inserts every user or none, atomically. Resolves `[]` when all were inserted, or the emails that
   * already belong to stored users (and then inserts nothing). Rejects, inserting nothing, when an id
   * is taken or the batch itself repeats an id or an email (caller bugs).
   */
  insertUsers(users: readonly UserRecord[]): Promise<string[]>;
  /**
   * Marks the email verified, but only while the user still has exactly `email` (a link mailed to an
   * address the user has since left proves nothing). Resolves the updated user, `null` otherwise.
   */
  markUserEmailVerified(userId: string, email: string): Promise<UserRecord | null>;
  /**
   * Switches the user's email from `fromEmail` to `toEmail` (normalized), verified, in one atomic step.
   * Resolves the updated user; `null` when the user is gone or no longer has `fromEmail`; `false` when
   * `toEmail` belongs to another account (nothing changes).
   */
  changeUserEmail(userId: string, fromEmail: string, toEmail: string): Promise<UserRecord | null | false>;
}

/**
 * The method names of `UserStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(userStoreMethods); // ['insertUser', …]
 */
export const userStoreMethods = {
  insertUser: true,
  getUserById: true,
  getUserByEmail: true,
  updateUserPasswordHash: true,
  listUsers: true,
  updateUserDisabledAt: true,
  updateUserRoles: true,
  listEnabledUserIdsWithRole: true,
  insertUsers: true,
  markUserEmailVerified: true,
  changeUserEmail: true,
} as const satisfies Record<keyof UserStore, true>;

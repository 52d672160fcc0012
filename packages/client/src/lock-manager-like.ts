/**
 * The one method of the Web Locks API (`navigator.locks`) this client uses, declared here because
 * the package compiles without the DOM library. A browser's `navigator.locks` fits it; so does any
 * object that runs callbacks for one name one at a time, in order of request.
 *
 * @example
 * const locks: LockManagerLike = navigator.locks;
 * await locks.request('tessera-refresh', async () => {
 *   // only one tab of this origin runs this at a time
 * });
 */
export interface LockManagerLike {
  /** Runs `callback` once the lock named `name` is free, and holds it until the callback settles. */
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

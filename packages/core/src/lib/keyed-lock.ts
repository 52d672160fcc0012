/**
 * Runs async work one at a time per key, inside this process. Keys with nothing queued hold no
 * memory.
 *
 * @example
 * const lock = new KeyedLock();
 * await lock.run('login:alice', () => checkPassword());
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Waits for earlier work on `key`, then runs `work`. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests). */
  get size(): number {
    return this.#tails.size;
  }
}

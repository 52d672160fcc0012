import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * As many bcrypt comparisons run at once as libuv runs argon2 and scrypt jobs by default (4), and
 * never more than the machine has cores.
 */
const MAX_WORKERS = Math.min(4, availableParallelism());

// A CommonJS script (an `eval` worker) so that it runs the same from source and from `dist/`; it
// loads the very bcryptjs this package depends on, by its resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ password, passwordHash }) => {
  let matches = false;
  try {
    matches = bcrypt.compareSync(password, passwordHash);
  } catch {
    matches = false;
  }
  parentPort.postMessage(matches === true);
});
`;

interface Task {
  password: string;
  passwordHash: string;
  resolve(matches: boolean): void;
  reject(error: unknown): void;
}

const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
const queue: Task[] = [];
/** Every live worker and the task it is running (`null`: idle). */
const workers = new Map<Worker, Task | null>();

function spawnWorker(): Worker {
  // No inherited flags: a `--input-type=module` or a loader of the parent must not change how this
  // plain script runs.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { bcryptPath } });
  // An idle worker does not keep the process alive; a busy one does (see `dispatch`).
  worker.unref();
  workers.set(worker, null);
  worker.on('message', (matches: unknown) => {
    const task = workers.get(worker);
    workers.set(worker, null);
    worker.unref();
    task?.resolve(matches === true);
    dispatch();
  });
  const fail = (error: unknown) => {
    const task = workers.get(worker);
    workers.delete(worker);
    task?.reject(error);
    dispatch();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the bcrypt worker exited (code ${code})`)));
  return worker;
}

function dispatch(): void {
  while (queue.length > 0) {
    let worker = [...workers].find(([, task]) => task === null)?.[0];
    if (worker === undefined) {
      if (workers.size >= MAX_WORKERS) return;
      worker = spawnWorker();
    }
    const task = queue.shift() as Task;
    workers.set(worker, task);
    worker.ref();
    worker.postMessage({ password: task.password, passwordHash: task.passwordHash });
  }
}

/**
 * bcryptjs's `compare` on a worker thread: bcrypt in pure JavaScript takes 0.1 s at cost 10 and
 * doubles with each step, which on the main thread would stall every other request for that long.
 * Up to four run at once; more wait in a queue. Resolves `false` for a wrong password or a hash
 * bcryptjs refuses; rejects only when a worker fails.
 *
 * @example
 * const matches = await compareBcryptOffThread(password, '$2b$12$…');
 */
export function compareBcryptOffThread(password: string, passwordHash: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    queue.push({ password, passwordHash, resolve, reject });
    dispatch();
  });
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, type Worker, type Transferable } from 'node:worker_threads';

/**
 * Request/response over a worker thread, in order. The batch pipeline moves its CPU-heavy
 * steps (row checks and hashing in the api, scoring in the worker) off the event loop: the
 * process keeps answering other requests and moving bytes to and from PostgreSQL while a
 * second core does the arithmetic.
 */

interface Envelope<T> {
  id: number;
  ok: boolean;
  value?: T;
  error?: ThreadError;
}

/** An error crossing the thread boundary: a kind the caller maps back, and a message. */
export interface ThreadError {
  kind: string;
  message: string;
  details?: Record<string, unknown>;
}

export class ThreadFailure extends Error {
  constructor(readonly error: ThreadError) {
    super(error.message);
  }
}

export class ThreadChannel<Req, Res> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: Res) => void; reject: (err: Error) => void }>();
  private dead?: Error;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: Envelope<Res>) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.ok) waiter.resolve(message.value as Res);
      else waiter.reject(new ThreadFailure(message.error ?? { kind: 'internal', message: 'thread failed' }));
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread exited (${code})`)));
    // An idle pool must not keep the process alive (a busy one must).
    worker.unref();
  }

  /** False once the thread has died (its pool replaces it). */
  get alive(): boolean {
    return this.dead === undefined;
  }

  request(message: Req, transfer: Transferable[] = []): Promise<Res> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, message }, transfer);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The compiled thread script next to the caller, or null (tests run the TypeScript sources in-process: no threads then). */
export function threadScript(relative: string, base: string): URL | null {
  const url = new URL(relative, base);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/** Thread side: answers each request with `handle`, in order. */
export function serveRequests<Req, Res>(handle: (message: Req) => { value: Res; transfer?: Transferable[] }, toError: (err: unknown) => ThreadError): void {
  if (!parentPort) throw new Error('not a worker thread');
  const port = parentPort;
  port.on('message', ({ id, message }: { id: number; message: Req }) => {
    try {
      const { value, transfer } = handle(message);
      port.postMessage({ id, ok: true, value } satisfies Envelope<Res>, transfer ?? []);
    } catch (err) {
      port.postMessage({ id, ok: false, error: toError(err) } satisfies Envelope<Res>);
    }
  });
}

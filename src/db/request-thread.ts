import { parentPort, type Worker, workerData } from 'node:worker_threads';
import type { Storage } from './storage.ts';
import { startTsWorker } from './ts-worker.ts';

/*
 * A thread that answers requests one at a time, in order, each by its number: the plumbing of
 * the threads that prepare index documents (src/search/index/person-docs-thread.ts) and that
 * search (src/search/names/search-thread.ts). The thread's side opens what it needs with the
 * input it was started with (answerRequests); this side asks and awaits (RequestThread).
 */

/** An error as it crosses from the thread: enough to make it again on this side. */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
}

type Reply<R> = { seq: number; result: R } | { seq: number; error: ThreadError };

function crossing(error: unknown): ThreadError {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack };
}

/** This side of a request thread. */
export class RequestThread<Q, R> {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  /**
   * `what` names the thread's work in messages ("preparing index documents"); `errorOf` makes an
   * error the thread sent into the one to throw here.
   */
  constructor(
    private readonly worker: Worker,
    private readonly what: string,
    errorOf: (error: ThreadError) => Error = (e) =>
      Object.assign(new Error(`${what} failed: ${e.message}`), { stack: e.stack }),
  ) {
    worker.on('message', (reply: Reply<R>) => {
      if ('result' in reply) {
        this.waiting.get(reply.seq)?.resolve(reply.result);
        this.waiting.delete(reply.seq);
      } else if (reply.seq < 0) {
        this.fail(errorOf(reply.error));
      } else {
        this.waiting.get(reply.seq)?.reject(errorOf(reply.error));
        this.waiting.delete(reply.seq);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the thread ${what} stopped (exit code ${code})`)));
  }

  /** Whether the thread has failed or was closed: every request is then refused. */
  get failed(): boolean {
    return this.failure !== null;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  /** Asks the thread; the answer comes after those of every earlier request. */
  ask(request: Q): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    const reply = new Promise<R>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    this.worker.postMessage({ seq, request });
    return reply;
  }

  /** Lets the process end while the thread still runs (a thread that only serves requests). */
  unref(): this {
    this.worker.unref();
    return this;
  }

  /** Ends the thread; requests not yet answered are refused. */
  async close(): Promise<void> {
    this.fail(new Error(`the thread ${this.what} was closed`));
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * Starts a request thread that opens the storage's archive on a connection of its own: `input`
 * goes to it with the archive's `target`. Null where no thread can (an archive in memory, no
 * TypeScript loader); the caller then does the work on its own thread.
 */
export function startRequestThread<Q, R>(
  storage: Storage,
  script: URL,
  input: { kind: string } & Record<string, unknown>,
  what: string,
  errorOf?: (error: ThreadError) => Error,
): RequestThread<Q, R> | null {
  if (!storage.target || storage.target === ':memory:') return null;
  const worker = startTsWorker(script, { ...input, target: storage.target });
  return worker ? new RequestThread<Q, R>(worker, what, errorOf) : null;
}

/**
 * The thread's side: when the thread was started with an input of this `kind`, opens what it
 * needs and answers each request with `answer`, in order. A failure to open is sent as the
 * failure of the whole thread. The thread ends when this side closes it (RequestThread.close).
 */
export function answerRequests<I extends { kind: string }, Q, R>(
  kind: I['kind'],
  open: (input: I) => Promise<{ answer(request: Q): Promise<R> }>,
): void {
  const input = workerData as I | undefined;
  const port = parentPort;
  if (input?.kind !== kind || !port) return;
  open(input).then(
    (handler) => {
      let queue = Promise.resolve();
      port.on('message', (message: { seq: number; request: Q }) => {
        queue = queue.then(async () => {
          try {
            port.postMessage({ seq: message.seq, result: await handler.answer(message.request) } satisfies Reply<R>);
          } catch (error) {
            port.postMessage({ seq: message.seq, error: crossing(error) } satisfies Reply<R>);
          }
        });
      });
    },
    (error: unknown) => port.postMessage({ seq: -1, error: crossing(error) } satisfies Reply<R>),
  );
}

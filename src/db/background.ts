import type { Storage, BackgroundWork as Work } from './storage.ts';

/*
 * Work a storage carries on after the call that began it has returned: a drain of the index
 * queue that a write left to do (src/search/index/index-drain.ts). Closing the storage asks the
 * work to stop where it can stop safely and waits for it; what is left stays where it was kept
 * (the index queue) for the next process to take up.
 */
export class BackgroundWork implements Work {
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  /** Whether the storage is closing: work checks this between its steps and stops. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Runs `work` in the background; `onError` hears of a failure (the work is not retried). */
  start(work: () => Promise<void>, onError: (error: unknown) => void): void {
    if (this.stopping) return;
    const task: Promise<void> = work()
      .catch(onError)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Whether any work is running. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Waits until no work is running (tests, and a command that must end with the work done). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Asks the work to stop and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.settled();
  }
}

/** The storage with its background work, closed only once that work has stopped. */
export function withBackground(storage: Omit<Storage, 'background'>): Storage {
  const background = new BackgroundWork();
  return {
    ...storage,
    background,
    close: async () => {
      await background.stop();
      await storage.close();
    },
  };
}

import type { Storage, BackgroundWork as Work } from './storage.ts';

/*
 * Work a storage carries on after the call that began it has returned: a drain of the index
 * queue that a write left to do (src/search/index/index-drain.ts). Closing the storage asks the
 * work to stop where it can stop safely and waits for it; what is left stays where it was kept
 * (the index queue) for the next process to take up.
 */
export class BackgroundWork implements Work {
  private readonly running = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  get stopped(): boolean {
    return this.closing.signal.aborted;
  }

  start(work: (closing: AbortSignal) => Promise<void>, onError: (error: unknown) => void): void {
    if (this.stopped) return;
    const task: Promise<void> = work(this.closing.signal)
      .catch(onError)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    this.closing.abort();
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

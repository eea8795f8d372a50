// Small pieces both stream implementations share: a cached backlog figure and the producers' wait.

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The backlog read at most every `maxAgeMs` (a count on every append would cost more than the
 * append), adjusted locally between reads by what this process appended and stored.
 */
export function backlogCache(read: () => Promise<number>, maxAgeMs = 500) {
  let value = 0;
  let readAt = 0;
  let pending: Promise<number> | null = null;
  return {
    add(n: number) {
      value = Math.max(0, value + n);
    },
    async get(fresh = false): Promise<number> {
      if (!fresh && Date.now() - readAt < maxAgeMs) return value;
      pending ??= read()
        .then((n) => {
          value = n;
          readAt = Date.now();
          return n;
        })
        .finally(() => {
          pending = null;
        });
      return pending;
    },
  };
}

/** Resolves once `backlog()` is below `highWater`, checking with a growing pause (50 ms … 1 s). */
export async function waitUntilRoom(backlog: () => Promise<number>, highWater: number, signal?: AbortSignal): Promise<void> {
  let pause = 50;
  while (!signal?.aborted && (await backlog()) >= highWater) {
    await sleep(pause, signal);
    pause = Math.min(1000, pause * 2);
  }
}

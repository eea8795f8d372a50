/**
 * Sleep that can be cut short: polling loops wait on it and `wake()` (after a commit, on stop)
 * ends the pending waits at once. A wake while nobody waits is remembered, so a commit that
 * lands during a drain is not left for the next poll.
 */
export type Waker = { wait(ms: number): Promise<void>; wake(): void };

export function createWaker(): Waker {
  const pending = new Set<() => void>();
  let missed = false;
  return {
    wait(ms) {
      if (missed) {
        missed = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pending.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
      });
    },
    wake() {
      if (pending.size === 0) missed = true;
      for (const done of [...pending]) done();
    },
  };
}

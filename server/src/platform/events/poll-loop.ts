import { setTimeout as sleep } from 'node:timers/promises';
import { createWaker } from './waker.ts';

export type PollLoopOptions = {
  /** Moves everything pending (in batches); returns how many it moved. */
  drain: () => Promise<number>;
  /** Housekeeping after each successful drain of the loop (not of `drainOnce`). */
  afterDrain?: () => Promise<void>;
  /** Fallback poll when nobody calls `notify()`. */
  pollMs: number;
  /** The longest wait after failures (the wait doubles per failure from `pollMs`). */
  maxFailureDelayMs: number;
  onFailure: (err: unknown, failures: number, retryInMs: number) => void;
};

export type PollLoop = {
  start(): void;
  /** Ends the loop after the drain in flight. */
  stop(): Promise<void>;
  /** Wakes the loop now (call after a commit that added work). */
  notify(): void;
  /** Runs `drain` once, after any drain in flight in this process. */
  drainOnce(): Promise<number>;
  /** True once `stop()` was called: a drain ends after its current batch. */
  stopping(): boolean;
};

/**
 * The loop the outbox dispatcher and the audit forwarder share: drain, wait for a wake-up or the
 * poll interval, and after a failure back off (doubling, capped) without being woken — an outage
 * must not turn every commit into a retry. Drains never overlap within the process.
 */
export function createPollLoop(opts: PollLoopOptions): PollLoop {
  const waker = createWaker();
  let tail: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | null = null;
  let stopper = new AbortController();

  // One drain at a time in this process; a call during a drain runs after it, and sees later commits.
  function drainOnce(): Promise<number> {
    const run = tail.then(opts.drain);
    tail = run.catch(() => undefined);
    return run;
  }

  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await drainOnce();
        await opts.afterDrain?.();
        failures = 0;
        await waker.wait(opts.pollMs);
      } catch (err) {
        failures++;
        const delayMs = Math.min(opts.maxFailureDelayMs, opts.pollMs * 2 ** failures);
        opts.onFailure(err, failures, delayMs);
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  return {
    start() {
      if (loop) return;
      stopper = new AbortController();
      loop = run(stopper.signal);
    },
    async stop() {
      stopper.abort();
      waker.wake();
      await loop;
      loop = null;
      await tail;
    },
    notify: () => waker.wake(),
    drainOnce,
    stopping: () => stopper.signal.aborted,
  };
}

import { vi } from 'vitest';

/** Moves the clock on (only `Date`; timers keep running) instead of sleeping through a window. Undo with `vi.useRealTimers()`. */
export function advanceMinutes(minutes: number): void {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(now + minutes * 60_000);
}

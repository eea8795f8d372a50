import { describe, expect, it } from 'vitest';
import { createWaker } from './waker.ts';

describe('createWaker', () => {
  it('ends a wait early when woken', async () => {
    const waker = createWaker();
    const started = Date.now();
    const waiting = waker.wait(10_000);
    waker.wake();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('remembers a wake that came while nobody waited, once', async () => {
    const waker = createWaker();
    waker.wake();
    await waker.wait(10_000);
    const started = Date.now();
    await waker.wait(40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('times out on its own', async () => {
    await createWaker().wait(5);
  });
});

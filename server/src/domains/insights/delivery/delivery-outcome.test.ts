import { describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS, nextAfterFailure, webhookStatusFailure } from './delivery-outcome.ts';

describe('delivery outcomes', () => {
  it('read a webhook answer: 2xx sent, 408/429/5xx later, other 4xx and redirects never', () => {
    expect(webhookStatusFailure(204)).toBeNull();
    expect(webhookStatusFailure(429)?.kind).toBe('transient');
    expect(webhookStatusFailure(408)?.kind).toBe('transient');
    expect(webhookStatusFailure(503)?.kind).toBe('transient');
    expect(webhookStatusFailure(410)?.kind).toBe('permanent');
    expect(webhookStatusFailure(401)?.kind).toBe('permanent');
    expect(webhookStatusFailure(302)?.kind).toBe('permanent');
  });

  it('retry with growing waits, then fail, or stay unconfirmed when an attempt may have arrived', () => {
    const later = { kind: 'transient', message: '503' } as const;
    const first = nextAfterFailure(later, 1, false);
    const fifth = nextAfterFailure(later, 5, false);
    expect(first.state).toBe('retrying');
    expect(first.state === 'retrying' && fifth.state === 'retrying' && fifth.delayMs > first.delayMs).toBe(true);
    expect(nextAfterFailure(later, DELIVERY_ATTEMPTS, false)).toEqual({ state: 'failed' });
    expect(nextAfterFailure(later, DELIVERY_ATTEMPTS, true)).toEqual({ state: 'unconfirmed' });
    expect(nextAfterFailure({ kind: 'unknown-outcome', message: 'timeout' }, DELIVERY_ATTEMPTS, false)).toEqual({ state: 'unconfirmed' });
    expect(nextAfterFailure({ kind: 'permanent', message: '410' }, 1, true)).toEqual({ state: 'failed' });
  });
});

import { describe, expect, it } from 'vitest';
import { ConnectorError, isConnectorError, retryAfterFromResetHeader } from './connector-error.ts';

describe('ConnectorError', () => {
  it('never marks an unknown outcome or a rejection as retryable', () => {
    expect(new ConnectorError('unknown-outcome', 'timeout after send').isRetryable).toBe(false);
    expect(new ConnectorError('rejected', 'duplicate content').isRetryable).toBe(false);
    expect(new ConnectorError('transient', 'ECONNREFUSED').isRetryable).toBe(true);
    expect(new ConnectorError('rate-limited', '429', { retryAfterMs: 5000 }).retryAfterMs).toBe(5000);
  });

  it('narrows unknown errors by kind', () => {
    const err: unknown = new ConnectorError('auth-expired', 'token expired', { platformCode: '89' });
    expect(isConnectorError(err)).toBe(true);
    expect(isConnectorError(err, 'auth-expired')).toBe(true);
    expect(isConnectorError(err, 'rejected')).toBe(false);
    expect(isConnectorError(new Error('x'))).toBe(false);
  });

  it('computes the wait from X x-rate-limit-reset (unix seconds)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z') - 30_000;
    expect(retryAfterFromResetHeader('1767225600', now)).toBe(30_000);
    expect(retryAfterFromResetHeader(1767225600, now + 60_000)).toBe(0);
    expect(retryAfterFromResetHeader('garbage', now)).toBe(0);
  });
});

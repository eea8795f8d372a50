import { describe, expect, it } from 'vitest';
import { emptyAuditFilters, isDayRangeValid, toAuditQuery } from './audit-filters.ts';

describe('toAuditQuery', () => {
  it('leaves out empty filters', () => {
    expect(toAuditQuery(emptyAuditFilters, 'UTC')).toEqual({});
  });

  it('turns days into the bounds of whole days in the time zone', () => {
    const query = toAuditQuery({ ...emptyAuditFilters, action: ' user.created ', fromDay: '2025-03-01', toDay: '2025-03-02' }, 'Asia/Jakarta');
    expect(query).toEqual({
      action: 'user.created',
      from: '2025-02-28T17:00:00.000Z',
      to: '2025-03-02T16:59:59.999Z',
    });
  });
});

describe('isDayRangeValid', () => {
  it('refuses a range that ends before it starts', () => {
    expect(isDayRangeValid({ ...emptyAuditFilters, fromDay: '2025-03-02', toDay: '2025-03-01' })).toBe(false);
    expect(isDayRangeValid({ ...emptyAuditFilters, fromDay: '2025-03-02' })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { dayPeriod, dueBrief, hoursOf, localDate } from './brief-period.ts';

describe('the day a brief covers', () => {
  it('is the local day in the unit’s zone', () => {
    const p = dayPeriod('2026-03-02', 'Asia/Jakarta');
    expect(p.from.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-03-02T17:00:00.000Z');
    expect(hoursOf(p)).toHaveLength(24);
    expect(hoursOf(p)[0]?.label).toBe('00:00');
  });

  it('has 23 hours on the day clocks go forward', () => {
    const p = dayPeriod('2026-03-29', 'Europe/London');
    expect((p.to.getTime() - p.from.getTime()) / 3_600_000).toBe(23);
    expect(hoursOf(p).map((h) => h.label)).not.toContain('01:00');
  });

  it('reads an instant as the local date', () => {
    expect(localDate(new Date('2026-03-01T18:00:00Z'), 'Asia/Jakarta')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T18:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });
});

describe('when a scheduled brief is due', () => {
  const schedule = { timeOfDay: '07:30', timeZone: 'Asia/Jakarta' };
  it('is not due before the local time of day', () => {
    expect(dueBrief(new Date('2026-03-02T00:29:00Z'), schedule)).toBeNull();
  });
  it('is due from that time on, for the day before', () => {
    expect(dueBrief(new Date('2026-03-02T00:30:00Z'), schedule)).toEqual({ sendDay: '2026-03-02', briefDate: '2026-03-01' });
    expect(dueBrief(new Date('2026-03-02T16:59:00Z'), schedule)).toEqual({ sendDay: '2026-03-02', briefDate: '2026-03-01' });
  });
  it('moves to the next day after local midnight', () => {
    expect(dueBrief(new Date('2026-03-02T17:00:00Z'), schedule)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { addMonths, calendarRange, dayInZone, groupByDay, shiftAnchor, startOfWeek, weekdayIndex } from './calendar-range.ts';

describe('calendar ranges', () => {
  it('starts weeks on Monday', () => {
    expect(weekdayIndex('2025-01-13')).toBe(0);
    expect(weekdayIndex('2025-01-19')).toBe(6);
    expect(startOfWeek('2025-01-16')).toBe('2025-01-13');
    expect(startOfWeek('2025-01-13')).toBe('2025-01-13');
  });

  it('asks for a week from local midnight to local midnight in the zone', () => {
    const range = calendarRange('week', '2025-01-15', 'Asia/Jakarta');
    expect(range.days).toEqual(['2025-01-13', '2025-01-14', '2025-01-15', '2025-01-16', '2025-01-17', '2025-01-18', '2025-01-19']);
    expect(range.from).toBe('2025-01-12T17:00:00.000Z');
    expect(range.to).toBe('2025-01-19T17:00:00.000Z');
  });

  it('covers a month with whole weeks', () => {
    // February 2021 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(calendarRange('month', '2021-02-10', 'UTC').days).toHaveLength(28);
    const march = calendarRange('month', '2025-03-20', 'UTC').days;
    expect(march[0]).toBe('2025-02-24');
    expect(march[march.length - 1]).toBe('2025-04-06');
    expect(march).toHaveLength(42);
  });

  it('moves by a week or a month', () => {
    expect(shiftAnchor('week', '2025-01-15', 1)).toBe('2025-01-20');
    expect(shiftAnchor('month', '2025-01-31', 1)).toBe('2025-02-01');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-01');
  });

  it('puts an item on the day it falls on in the zone', () => {
    expect(dayInZone(new Date('2025-01-14T18:30:00Z'), 'Asia/Jakarta')).toBe('2025-01-15');
    const groups = groupByDay(
      [
        { id: 'b', scheduledAt: '2025-01-15T05:00:00Z' },
        { id: 'a', scheduledAt: '2025-01-14T18:30:00Z' },
        { id: 'c', scheduledAt: '2025-01-14T10:00:00Z' },
      ],
      'Asia/Jakarta',
    );
    expect(groups.get('2025-01-15')?.map((i) => i.id)).toEqual(['a', 'b']);
    expect(groups.get('2025-01-14')?.map((i) => i.id)).toEqual(['c']);
  });
});

import { describe, expect, it } from 'vitest';
import { startOfDayInZone, timeZoneOffsetMs } from './zoned-time.ts';

describe('startOfDayInZone', () => {
  it('finds midnight in a zone east of UTC', () => {
    expect(startOfDayInZone('2025-01-15', 'Asia/Jakarta')?.toISOString()).toBe('2025-01-14T17:00:00.000Z');
  });

  it('finds midnight in a zone west of UTC and the start of the next day', () => {
    expect(startOfDayInZone('2025-07-01', 'America/New_York')?.toISOString()).toBe('2025-07-01T04:00:00.000Z');
    expect(startOfDayInZone('2025-07-01', 'America/New_York', 1)?.toISOString()).toBe('2025-07-02T04:00:00.000Z');
  });

  it('handles the day a daylight-saving change happens', () => {
    expect(startOfDayInZone('2025-03-30', 'Europe/Berlin')?.toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(startOfDayInZone('2025-03-31', 'Europe/Berlin')?.toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });

  it('refuses what is not a calendar day', () => {
    expect(startOfDayInZone('15/01/2025', 'UTC')).toBeNull();
  });
});

describe('timeZoneOffsetMs', () => {
  it('is zero for UTC and +7h for Jakarta', () => {
    const instant = new Date('2025-05-05T12:00:00Z');
    expect(timeZoneOffsetMs(instant, 'UTC')).toBe(0);
    expect(timeZoneOffsetMs(instant, 'Asia/Jakarta')).toBe(7 * 3600 * 1000);
  });
});

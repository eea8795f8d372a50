import { timeZoneOffsetMs } from '../../../lib/zoned-time.ts';

/**
 * A `datetime-local` value (wall-clock time, `YYYY-MM-DDTHH:mm`) read in `timeZone` → ISO UTC.
 * @example wallTimeToIso('2026-03-01T09:00', 'Asia/Jakarta') // '2026-03-01T02:00:00.000Z'
 */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  // Two passes settle the offset next to a daylight-saving change.
  let guess = wall - timeZoneOffsetMs(new Date(wall), timeZone);
  guess = wall - timeZoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess).toISOString();
}

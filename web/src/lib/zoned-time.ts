/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in `timeZone`; `dayOffset` 1 gives the next day.
 * @example startOfDayInZone('2025-01-15', 'Asia/Jakarta') // 2025-01-14T17:00:00.000Z
 */
export function startOfDayInZone(day: string, timeZone: string, dayOffset = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const wallClock = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + dayOffset);
  // Two passes settle the offset when the day starts next to a daylight-saving change.
  let guess = wallClock - timeZoneOffsetMs(new Date(wallClock), timeZone);
  guess = wallClock - timeZoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

// STIX and TAXII timestamps are RFC 3339 in UTC with any number of fraction digits. We keep them
// as microseconds since the epoch: TAXII pages on `date_added`, and a JavaScript Date holds only
// milliseconds, so two objects added within one millisecond would be indistinguishable.

const stixTimestamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** Microseconds since the epoch of a STIX timestamp, or null when it is not one. */
export function toMicros(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = stixTimestamp.exec(value);
  if (!m?.[1]) return null;
  const seconds = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(seconds)) return null;
  // Date.parse accepts 2026-02-30 and rolls it over: a timestamp must read back as itself.
  if (new Date(seconds).toISOString().slice(0, 19) !== m[1]) return null;
  const fraction = Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
  return seconds * 1000 + fraction;
}

/** The STIX timestamp (microsecond precision) of microseconds since the epoch. */
export function fromMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(us - Math.floor(us / 1_000_000) * 1_000_000).padStart(6, '0')}Z`;
}

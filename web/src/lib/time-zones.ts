let cached: string[] | null = null;

/** IANA zones the browser knows, with UTC first (some engines leave it out of the list). */
export function listTimeZones(): string[] {
  if (cached) return cached;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  cached = ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
  return cached;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Options for a Select, keeping a value that is not in the list (e.g. an alias the server stored). */
export function timeZoneOptions(current?: string | null): string[] {
  const zones = listTimeZones();
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

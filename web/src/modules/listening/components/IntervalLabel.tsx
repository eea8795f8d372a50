import type { TFunction } from 'i18next';

/** "every 15 minutes" / "every 6 hours" — a plain function so it can feed Select options. */
export function IntervalLabel({ seconds, t }: { seconds: number; t: TFunction }): string {
  if (seconds % 3600 === 0) return t('listening.interval.hours', { count: seconds / 3600 });
  return t('listening.interval.minutes', { count: Math.round(seconds / 60) });
}

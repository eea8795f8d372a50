// Test support for monitors: synthetic items per UTC day, and an ordinary history a forecast band
// can be learnt from (eight items on five days of the week, four on the other two).
import { newIdFor } from '../../../platform/db/index.ts';
import type { ItemFacts } from '../../listening/index.ts';

const DAY = 86_400_000;

export type DayItems = { unitId: string; sourceId: string; now: Date; topicIds: string[]; countries: string[] };

/** `n` items on UTC day `daysAgo`, spread over that day (today's over the minutes so far). */
export function itemsOnDay(scope: DayItems, n: number, daysAgo: number): ItemFacts[] {
  const today = Math.floor(scope.now.getTime() / DAY) * DAY;
  const minutes = daysAgo === 0 ? Math.max(1, Math.floor((scope.now.getTime() - today) / 60_000)) : 1440;
  return Array.from({ length: n }, (_, i) => ({
    id: newIdFor(),
    unitId: scope.unitId,
    sourceId: scope.sourceId,
    publishedAt: new Date(today - daysAgo * DAY + ((i * 53) % minutes) * 60_000),
    language: 'en',
    countries: scope.countries,
    topicIds: scope.topicIds,
    sentiment: -0.2,
  }));
}

/** Forty ordinary days before today: enough history for a band with a weekly rhythm. */
export function ordinaryHistory(scope: DayItems): ItemFacts[] {
  const items: ItemFacts[] = [];
  for (let d = 1; d <= 40; d++) items.push(...itemsOnDay(scope, d % 7 < 2 ? 4 : 8, d));
  return items;
}

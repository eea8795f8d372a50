import { describe, expect, it } from 'vitest';
import { findFairSlots, type Party } from './fair-slots.ts';
import { planSeries } from './rotation.ts';

// Four delegations no single hour suits: someone is always up early, late or at night.
const parties: Party[] = [
  { id: 'jakarta', timeZone: 'Asia/Jakarta', country: 'ID' },
  { id: 'geneva', timeZone: 'Europe/Zurich', country: 'CH' },
  { id: 'new-york', timeZone: 'America/New_York', country: 'US' },
  { id: 'suva', timeZone: 'Pacific/Fiji', country: 'FJ' },
];
const WEEK = 7 * 86_400_000;
// Eight Wednesdays (UTC) from 4 March 2026, across New York's and Geneva's DST changes.
const occurrences = Array.from({ length: 8 }, (_, i) => ({ from: Date.parse('2026-03-04T00:00Z') + i * WEEK, to: Date.parse('2026-03-05T00:00Z') + i * WEEK }));
const query = { parties, occurrences, durationMinutes: 60, stepMinutes: 30 as const };

function heaviest(slotParties: { partyId: string; inconvenience: { total: number } }[]): string {
  return [...slotParties].sort((a, b) => b.inconvenience.total - a.inconvenience.total)[0]?.partyId ?? '';
}

describe('a series rotates its inconvenient hours', () => {
  const plan = planSeries(query);
  // What happens without rotation: the fairest single slot of each week, every week.
  const fixed = occurrences.map((o) => findFairSlots({ ...query, from: o.from, to: o.to, limit: 1 })[0]);
  const fixedTotals: Record<string, number> = {};
  for (const slot of fixed) for (const p of slot?.parties ?? []) fixedTotals[p.partyId] = (fixedTotals[p.partyId] ?? 0) + p.inconvenience.total;

  it('hands the worst hour to a different delegation in turn', () => {
    expect(plan.occurrences).toHaveLength(8);
    const bearers = plan.occurrences.map((s) => heaviest(s.parties));
    expect(new Set(bearers)).toEqual(new Set(['jakarta', 'geneva', 'new-york', 'suva']));
    // Nobody carries the heaviest share twice in a row.
    for (let i = 1; i < bearers.length; i++) expect(bearers[i]).not.toBe(bearers[i - 1]);
    // Without rotation only New York and Suva ever carry it.
    expect(new Set(fixed.map((s) => heaviest(s?.parties ?? [])))).toEqual(new Set(['new-york', 'suva']));
  });

  it('keeps the accumulated burden more even than repeating the fairest slot', () => {
    const spread = (t: Record<string, number>): number => Math.max(...Object.values(t)) - Math.min(...Object.values(t));
    expect(Math.max(...Object.values(plan.totals))).toBeLessThan(Math.max(...Object.values(fixedTotals)));
    expect(spread(plan.totals)).toBeLessThan(spread(fixedTotals) / 2);
  });

  it('keeps a burden log that adds up to the totals', () => {
    const summed: Record<string, number> = {};
    for (const entry of plan.burdenLog) summed[entry.partyId] = Math.round(((summed[entry.partyId] ?? 0) + entry.inconvenience.total) * 100) / 100;
    expect(summed).toEqual(plan.totals);
    for (const entry of plan.burdenLog) {
      expect(entry.inconvenience.total).toBeGreaterThan(0);
      expect(plan.occurrences[entry.occurrence]?.start).toBe(entry.start);
    }
    const last = plan.burdenLog.filter((e) => e.partyId === 'suva').at(-1);
    expect(last?.accumulated).toBe(plan.totals.suva);
  });

  it('starts with the fairest slot, counts burden carried over, and is deterministic', () => {
    expect(plan.occurrences[0]?.start).toBe(fixed[0]?.start);
    expect(planSeries(query)).toEqual(plan);
    // A delegation that already bore a lot is spared the first night of a new series.
    const spared = planSeries({ ...query, occurrences: occurrences.slice(0, 1), priorBurden: { 'new-york': 40 } });
    expect(spared.occurrences[0]?.parties.find((p) => p.partyId === 'new-york')?.inconvenience.total).toBeLessThan(
      fixed[0]?.parties.find((p) => p.partyId === 'new-york')?.inconvenience.total ?? 0,
    );
  });
});

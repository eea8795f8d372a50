// A meeting series whose inconvenient hours rotate between parties. For each occurrence, in order,
// the slot chosen is the one that leaves the accumulated burden most balanced:
//   1. the smallest largest accumulated burden of any party after this occurrence,
//   2. then the smallest total inconvenience of this occurrence (no needless pain),
//   3. then the earliest start.
// The first occurrence is therefore the fairest single slot; after it, a party that has already
// borne a night call is spared the next one while another can take it. The burden log says who
// bore what, when, so the rotation can be shown and questioned.

import { type Inconvenience, roundInconvenience } from './inconvenience.ts';
import { compareSlots, type Party, type Slot, type SlotQuery, scoreAllSlots } from './fair-slots.ts';

export type SeriesQuery = Omit<SlotQuery, 'from' | 'to' | 'limit'> & {
  /** One window per occurrence (e.g. each Wednesday 00:00–24:00 UTC), in order. */
  occurrences: ReadonlyArray<{ from: number | Date; to: number | Date }>;
  /** Burden already borne in earlier meetings of the series (party id → points). */
  priorBurden?: Readonly<Record<string, number>>;
};

export type BurdenEntry = { occurrence: number; start: string; partyId: string; localStart: string; inconvenience: Inconvenience; accumulated: number };

export type SeriesPlan = {
  occurrences: Slot[];
  /** One entry per party that bore any inconvenience in an occurrence. */
  burdenLog: BurdenEntry[];
  /** Accumulated points per party after the last occurrence (prior burden included). */
  totals: Record<string, number>;
};

const round = (n: number): number => Math.round(n * 100) / 100;

/** Chooses one slot per occurrence so that the burden of inconvenient hours is shared (see the file's head). */
export function planSeries(q: SeriesQuery): SeriesPlan {
  const totals: Record<string, number> = Object.fromEntries(q.parties.map((p: Party) => [p.id, q.priorBurden?.[p.id] ?? 0]));
  const chosen: Slot[] = [];
  const burdenLog: BurdenEntry[] = [];
  q.occurrences.forEach((window, index) => {
    const candidates = scoreAllSlots({ ...q, from: window.from, to: window.to });
    let best: { slot: Slot; peak: number } | undefined;
    for (const slot of candidates) {
      const peak = Math.max(...slot.parties.map((p) => (totals[p.partyId] ?? 0) + p.inconvenience.total));
      if (!best || peak < best.peak - 1e-9 || (Math.abs(peak - best.peak) <= 1e-9 && compareBySum(slot, best.slot) < 0)) best = { slot, peak };
    }
    if (!best) return;
    chosen.push(best.slot);
    for (const p of best.slot.parties) {
      totals[p.partyId] = round((totals[p.partyId] ?? 0) + p.inconvenience.total);
      if (p.inconvenience.total > 0) {
        burdenLog.push({ occurrence: index, start: best.slot.start, partyId: p.partyId, localStart: p.localStart, inconvenience: roundInconvenience(p.inconvenience), accumulated: totals[p.partyId] ?? 0 });
      }
    }
  });
  return { occurrences: chosen, burdenLog, totals };
}

function compareBySum(a: Slot, b: Slot): number {
  return a.sum - b.sum || compareSlots(a, b);
}

// Keeps the rollups in step with listening: called with item ids from listening's events, and by
// the rebuild with pages of history. Safe to call any number of times for the same items.
import type { Executor } from '../../../platform/db/index.ts';
import { type ItemFacts, itemFacts } from '../../listening/index.ts';
import { readOurCountry } from '../image/our-country.ts';
import { type Contribution, contributionOf, sameContribution, splitKey } from './item-contribution.ts';
import { addToRollups, insertContributions, lockedContributions, type RollupDelta, replaceContributions, type StoredContribution } from './rollups.repo.ts';

export type ApplyOutcome = { added: number; changed: number; unchanged: number; /** Units whose figures changed. */ unitIds: string[] };

/** Re-reads these items from listening and applies them. */
export async function applyItemIds(tx: Executor, ids: readonly string[]): Promise<ApplyOutcome> {
  return applyItems(tx, await itemFacts(tx, ids));
}

/**
 * Applies the items' current analysis: a new item adds its contribution, a re-analysed one moves
 * it, an unchanged one adds nothing. Within one transaction; the item rows of `insights_item_facts`
 * are locked first, so two workers applying the same item cannot both count it.
 */
export async function applyItems(tx: Executor, items: readonly ItemFacts[]): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { added: 0, changed: 0, unchanged: 0, unitIds: [] };
  if (items.length === 0) return outcome;
  // Read in this transaction: a change of the setting queues a rebuild after it commits, and the
  // rebuild moves any item counted here under the old country (its fact row says where it counted).
  const ourCountry = await readOurCountry(tx);
  const wanted = new Map(items.map((item) => [item.id, { itemId: item.id, ...contributionOf(item, ourCountry) }]));
  const before = await lockedContributions(tx, [...wanted.keys()]);
  const fresh: StoredContribution[] = [];
  const moved: { from: StoredContribution; to: StoredContribution }[] = [];
  for (const next of wanted.values()) {
    const previous = before.get(next.itemId);
    if (!previous) fresh.push(next);
    else if (sameContribution(previous, next)) outcome.unchanged++;
    else moved.push({ from: previous, to: next });
  }
  const inserted = await insertContributions(tx, fresh);
  await replaceContributions(
    tx,
    moved.map((m) => m.to),
  );
  const deltas = new DeltaSum();
  for (const c of fresh) if (inserted.has(c.itemId)) deltas.add(c, 1);
  for (const m of moved) {
    deltas.add(m.from, -1);
    deltas.add(m.to, 1);
  }
  await addToRollups(tx, deltas.nonZero());
  outcome.added = inserted.size;
  outcome.unchanged += fresh.length - inserted.size;
  outcome.changed = moved.length;
  const touched = new Set<string>();
  for (const c of fresh) if (inserted.has(c.itemId)) touched.add(c.unitId);
  for (const m of moved) {
    touched.add(m.from.unitId);
    touched.add(m.to.unitId);
  }
  outcome.unitIds = [...touched];
  return outcome;
}

/** Deltas summed per (unit, dimension, key, hour). */
class DeltaSum {
  private readonly sums = new Map<string, RollupDelta>();

  add(c: Contribution, sign: 1 | -1): void {
    for (const full of c.keys) {
      const { dimension, key } = splitKey(full);
      const id = `${c.unitId}|${full}|${c.bucket.getTime()}`;
      const d = this.sums.get(id) ?? { unitId: c.unitId, dimension, key, bucket: c.bucket, items: 0, toneSum: 0, toneItems: 0, toneSqSum: 0, intensitySum: 0 };
      d.items += sign;
      if (dimension === 'event' && c.intensity !== null) d.intensitySum += sign * Math.fround(c.intensity);
      if (c.tone !== null) {
        d.toneSum += sign * c.tone;
        d.toneSqSum += sign * c.tone * c.tone;
        d.toneItems += sign;
      }
      this.sums.set(id, d);
    }
  }

  nonZero(): RollupDelta[] {
    return [...this.sums.values()].filter((d) => d.items !== 0 || d.toneItems !== 0 || Math.abs(d.toneSum) > 1e-12 || Math.abs(d.toneSqSum) > 1e-12 || Math.abs(d.intensitySum) > 1e-12);
  }
}

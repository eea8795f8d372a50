// What a detector checks before raising again: the items a finding already holds, so that a
// redelivered or re-read item adds nothing (the upsert itself would count it a second time).
import type { FindingDetector } from '@diplodesk/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { integrityFindings } from '../integrity.tables.ts';

/** Subject key → the ids of the items the finding holds (the first 200), for the subjects that have a finding. */
export async function findingItemsOf(x: Executor, detector: FindingDetector, subjectKeys: readonly string[]): Promise<Map<string, Set<string>>> {
  if (subjectKeys.length === 0) return new Map();
  const rows = await x
    .select({ subjectKey: integrityFindings.subjectKey, itemIds: integrityFindings.itemIds })
    .from(integrityFindings)
    .where(and(eq(integrityFindings.detector, detector), inArray(integrityFindings.subjectKey, [...subjectKeys])));
  return new Map(rows.map((r) => [r.subjectKey, new Set(r.itemIds)]));
}

/**
 * Of these items, those a finding of this detector already holds, whatever its subject: an item
 * re-analysed into another near-duplicate cluster is not raised again under a new subject.
 */
export async function itemsHeldBy(x: Executor, detector: FindingDetector, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const wanted = sql`array[${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)}]::text[]`;
  const rows = await x
    .select({ itemIds: integrityFindings.itemIds })
    .from(integrityFindings)
    .where(and(eq(integrityFindings.detector, detector), sql`${integrityFindings.itemIds} ?| ${wanted}`));
  const want = new Set(itemIds);
  return new Set(rows.flatMap((r) => r.itemIds.filter((id) => want.has(id))));
}

// What a detector checks before raising again: the items a finding already holds, so that a
// redelivered or re-read item adds nothing (the upsert itself would count it a second time).
import type { FindingDetector } from '@diplodesk/contracts';
import { and, eq, inArray } from 'drizzle-orm';
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

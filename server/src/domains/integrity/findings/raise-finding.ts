// Raising a finding, for every detector: an upsert on (detector, subject key). The first raise
// inserts the row and announces it; a later one for the same subject adds its items, accounts and
// evidence to the row and announces a change — never a second finding, whoever raises it and however often.
import { englishFindingTitle, type FindingDetector, type FindingSeverity, type FindingTitleKey, type FindingTitleParams, integrityLiveEvents } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, newIdFor, queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { integrityFindings } from '../integrity.tables.ts';

export const findingRaised = integrityLiveEvents.findingRaised;
export const findingChanged = integrityLiveEvents.findingChanged;

/** Items kept by id on a finding; `item_count` goes on counting. */
const keptItems = 200;
/** Accounts kept on a finding. */
const keptAccounts = 500;

export type RaiseFinding = {
  detector: FindingDetector;
  subjectKey: string;
  type: string;
  severity: FindingSeverity;
  unitId: string;
  /** The title by key; its English wording is stored as `title` beside the key. */
  title: { key: FindingTitleKey; params: FindingTitleParams };
  claimId?: string | null;
  /** Items new to this finding (the caller adds each item once: a repeat only moves `lastSeenAt`). */
  itemIds: string[];
  accountKeys: string[];
  /** Merged into the stored evidence (top-level keys replace). */
  evidence: Record<string, unknown>;
  seenAt: Date;
};

/** Raises or adds to a finding in the caller's transaction; returns its id and whether it is new. */
export async function raiseFinding(tx: Executor, f: RaiseFinding): Promise<{ id: string; created: boolean }> {
  const id = newIdFor();
  const items = JSON.stringify(f.itemIds.slice(0, keptItems));
  const title = englishFindingTitle(f.title.key, f.title.params);
  const titleParams = JSON.stringify(f.title.params);
  const accounts = JSON.stringify([...new Set(f.accountKeys)].slice(0, keptAccounts));
  const [row] = await queryRows<{ id: string; created: boolean; severity: FindingSeverity; status: string; unit_id: string }>(
    tx,
    sql`insert into ${integrityFindings} as f (id, detector, subject_key, type, severity, status, unit_id, title, title_key, title_params, claim_id, item_ids, item_count, account_keys, evidence, first_seen_at, last_seen_at)
      values (${id}, ${f.detector}, ${f.subjectKey}, ${f.type}, ${f.severity}, 'new', ${f.unitId}, ${title}, ${f.title.key}, ${titleParams}::jsonb, ${f.claimId ?? null}, ${items}::jsonb, ${f.itemIds.length},
        ${accounts}::jsonb, ${JSON.stringify(f.evidence)}::jsonb, ${f.seenAt.toISOString()}, ${f.seenAt.toISOString()})
      on conflict (detector, subject_key) do update set
        -- The first raise names the finding; a row from before titles were keyed takes the keyed title.
        title = case when f.title_key is null then excluded.title else f.title end,
        title_params = case when f.title_key is null then excluded.title_params else f.title_params end,
        title_key = coalesce(f.title_key, excluded.title_key),
        item_ids = (select coalesce(jsonb_agg(x.v order by x.n), '[]'::jsonb) from (
          select v, min(n) as n from jsonb_array_elements_text(f.item_ids || excluded.item_ids) with ordinality as e(v, n) group by v order by min(n) limit ${keptItems}) x),
        item_count = f.item_count + excluded.item_count,
        account_keys = (select coalesce(jsonb_agg(x.v order by x.n), '[]'::jsonb) from (
          select v, min(n) as n from jsonb_array_elements_text(f.account_keys || excluded.account_keys) with ordinality as e(v, n) group by v order by min(n) limit ${keptAccounts}) x),
        evidence = f.evidence || excluded.evidence,
        first_seen_at = least(f.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(f.last_seen_at, excluded.last_seen_at),
        updated_at = now()
      returning f.id, (xmax = 0) as created, f.severity, f.status, f.unit_id`,
  );
  if (!row) throw new Error('finding not stored');
  await appendEvents(tx, [
    { type: row.created ? findingRaised : findingChanged, unitId: row.unit_id, data: { findingId: row.id, detector: f.detector, severity: row.severity, status: row.status, claimId: f.claimId ?? null } },
  ]);
  return { id: row.id, created: row.created };
}

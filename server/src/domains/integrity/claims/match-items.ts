// Claim matching of stored items (ADR 0023): on listening's store path, inside the transaction that
// stores them, and by the back-fill over history. At or above the workspace's auto-link threshold an
// item is linked and the finding for (claim, the item's near-duplicate cluster) is raised or added
// to; at or above the suggest threshold the link waits for a person. Links are unique per (item,
// claim): matching an item again changes nothing, so neither does a re-analysis or a back-fill.
import { decideClaimMatch } from '@diplodesk/analysis';
import type { ClaimLinkState } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, newIdFor, queryRows } from '../../../platform/db/index.ts';
import { findUnit } from '../../identity/index.ts';
import type { StoredItem } from '../../listening/index.ts';
import { raiseFinding } from '../findings/raise-finding.ts';
import { integrityClaimLinks } from '../integrity.tables.ts';
import type { ClaimIndex, ClaimIndexState } from './claim-index.ts';

/** Candidates asked of the matcher per item, before those outside the item's unit are dropped. */
const candidatesPerItem = 5;

type Decided = { item: StoredItem; claimId: string; score: number; state: Extract<ClaimLinkState, 'auto' | 'suggested'> };

/** The account a finding names for an item: its author's handle (or platform id). */
export const accountKeyOf = (item: Pick<StoredItem, 'author'>): string | null => item.author?.handle ?? item.author?.id ?? null;

async function unitPathOf(x: Executor, state: ClaimIndexState, unitId: string): Promise<string | null> {
  const known = state.unitPaths.get(unitId);
  if (known !== undefined) return known;
  const unit = await findUnit(x, unitId);
  if (unit) state.unitPaths.set(unitId, unit.path);
  return unit?.path ?? null;
}

/** What the matcher decides for each item: the best claim of the item's unit (or above) over the suggest threshold. */
async function decide(x: Executor, state: ClaimIndexState, items: readonly StoredItem[], onlyClaimIds?: ReadonlySet<string>): Promise<Decided[]> {
  const out: Decided[] = [];
  for (const item of items) {
    const path = await unitPathOf(x, state, item.unitId);
    if (path === null) continue;
    const text = item.title && !item.text.startsWith(item.title) ? `${item.title}\n${item.text}` : item.text;
    // Candidates under the suggest threshold decide nothing: asking only for those lets the matcher
    // stop early on a post no claim stands out for (most of what listening collects).
    const candidates = state.matcher
      .match(text, { limit: candidatesPerItem, minScore: state.thresholds.suggest, ...(item.language !== 'und' ? { language: item.language } : {}) })
      .filter((c) => {
        const claimPath = state.claimPaths.get(c.claimId);
        return claimPath !== undefined && claimPath !== '' && path.startsWith(claimPath);
      });
    const decision = decideClaimMatch(candidates, state.thresholds);
    if (decision.action === 'none' || !decision.candidate) continue;
    if (onlyClaimIds && !onlyClaimIds.has(decision.candidate.claimId)) continue;
    out.push({ item, claimId: decision.candidate.claimId, score: decision.candidate.score, state: decision.action === 'link' ? 'auto' : 'suggested' });
  }
  return out;
}

/**
 * Matches items against the registry in the caller's transaction and stores what it decides.
 * `onlyClaimIds` keeps only the links to those claims (a back-fill).
 */
export async function matchItems(tx: Executor, index: ClaimIndex, items: readonly StoredItem[], opts: { onlyClaimIds?: ReadonlySet<string> } = {}): Promise<{ linked: number; suggested: number }> {
  if (items.length === 0) return { linked: 0, suggested: 0 };
  const state = await index.current(tx);
  if (state.matcher.size === 0) return { linked: 0, suggested: 0 };
  const decided = await decide(tx, state, items, opts.onlyClaimIds);
  if (decided.length === 0) return { linked: 0, suggested: 0 };
  const rows = decided.map((d) => ({ id: newIdFor(), item_id: d.item.id, claim_id: d.claimId, unit_id: d.item.unitId, cluster_id: d.item.clusterId, score: d.score, state: d.state }));
  // Only links new to the database go on: an item matched before (redelivered, re-analysed,
  // back-filled, or decided by a person since) adds nothing.
  const inserted = await queryRows<{ item_id: string; claim_id: string; state: ClaimLinkState }>(
    tx,
    sql`insert into ${integrityClaimLinks} (id, item_id, claim_id, unit_id, cluster_id, score, state)
      select r.id, r.item_id, r.claim_id, r.unit_id, r.cluster_id, r.score, r.state
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, item_id uuid, claim_id uuid, unit_id uuid, cluster_id uuid, score real, state text)
      on conflict (item_id, claim_id) do nothing
      returning item_id, claim_id, state`,
  );
  const fresh = new Set(inserted.map((r) => `${r.item_id}:${r.claim_id}`));
  const linked = decided.filter((d) => d.state === 'auto' && fresh.has(`${d.item.id}:${d.claimId}`));
  await raiseClaimFindings(tx, state.claimTitles, linked);
  return { linked: linked.length, suggested: inserted.filter((r) => r.state === 'suggested').length };
}

/** One finding per (claim, cluster): near-duplicate copies of a claim add evidence to it. */
export async function raiseClaimFindings(tx: Executor, titles: ReadonlyMap<string, string>, links: readonly { item: StoredItem; claimId: string; score: number }[]): Promise<void> {
  const groups = new Map<string, { claimId: string; clusterId: string; unitId: string; items: StoredItem[]; score: number }>();
  for (const l of links) {
    const key = `claim:${l.claimId}:cluster:${l.item.clusterId}`;
    const g = groups.get(key) ?? { claimId: l.claimId, clusterId: l.item.clusterId, unitId: l.item.unitId, items: [], score: 0 };
    g.items.push(l.item);
    g.score = Math.max(g.score, l.score);
    groups.set(key, g);
  }
  for (const [subjectKey, g] of groups) {
    const claimText = titles.get(g.claimId) ?? '';
    await raiseFinding(tx, {
      detector: 'claim-match',
      subjectKey,
      type: 'known-claim',
      severity: 'medium',
      unitId: g.unitId,
      title: { key: 'known-claim', params: { claim: claimText.length > 200 ? `${claimText.slice(0, 199)}…` : claimText } },
      claimId: g.claimId,
      itemIds: g.items.map((i) => i.id),
      accountKeys: g.items.map(accountKeyOf).filter((a): a is string => a !== null),
      evidence: { clusterId: g.clusterId, lastScore: g.score },
      seenAt: new Date(Math.max(...g.items.map((i) => i.publishedAt.getTime()))),
    });
  }
}

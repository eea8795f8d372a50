// Coordinated sharing on the ingest path (ADR 0024): a tracker per process fed with the shares of
// new items, asked after each batch for its networks; one finding per network, keyed by its
// founding pair (the two accounts of its earliest co-share), so a growing network stays one finding.
//
// State is bounded by the tracker's horizon (2 days of shares by default) and rebuilt from the
// database: the watch reads every item stored since its cursor in id order (UUIDv7, time-ordered),
// starting one horizon back when the process starts, not only the items its events name. So a
// restart loses nothing within the horizon, and with several instances (a group subscription hands
// each event to one of them) every tracker still sees every item.
import { type CoordinatedNetwork, type CoordinationResult, createCoordinationTracker, type TrackerOptions } from '@diplodesk/analysis';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { listUnits } from '../../identity/index.ts';
import { type StoredItem, storedItems, storedItemsPage } from '../../listening/index.ts';
import { findingItemsOf } from '../findings/finding-items.ts';
import { raiseFinding } from '../findings/raise-finding.ts';
import { accountOf, platformsOf } from '../impersonation/detect-impersonation.ts';
import { sharesOf } from './shares.ts';

const DEFAULT_HORIZON_SECONDS = 2 * 86_400;
const PAGE = 500;
/** Evidence kept on a finding: a network's largest parts are cut to these. */
const KEPT = { edges: 500, objects: 200, timeline: 1000, objectsPerEdge: 50 } as const;

export type CoordinationWatch = {
  /** Reads the items stored since the last call (and these ids), feeds the tracker, raises findings; returns how many were raised or added to. */
  onItems(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, ids: readonly string[]): Promise<number>;
  /** Shares held now (for metrics and tests). */
  readonly size: { shares: number; items: number };
};

/** The smallest UUIDv7 of a millisecond: a cursor for "items stored from then on". */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** The pair of accounts whose co-share came first: the first two accounts seen sharing one object (the second share's time decides). */
export function foundingPair(network: CoordinatedNetwork): [string, string] {
  let best: { at: number; a: string; b: string } | undefined;
  for (const e of network.edges) {
    for (const c of e.coShares) {
      const at = Math.max(c.a.at, c.b.at);
      const [a, b] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
      if (!best || at < best.at || (at === best.at && `${a}\u0000${b}` < `${best.a}\u0000${best.b}`)) best = { at, a, b };
    }
  }
  if (!best) throw new Error('a network without co-shares');
  return [best.a, best.b];
}

/** A network as stored in its finding's evidence (and read back by the network view). */
export function networkEvidence(network: CoordinatedNetwork, result: CoordinationResult, pair: [string, string]) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    key: network.key,
    foundingPair: pair,
    window: result.window,
    edgeThreshold: result.edgeThreshold,
    accounts: network.accounts,
    objects: network.objects.slice(0, KEPT.objects).map((o) => ({ ...o, firstAt: iso(o.firstAt), lastAt: iso(o.lastAt) })),
    edges: network.edges.slice(0, KEPT.edges).map((e) => ({
      a: e.a,
      b: e.b,
      weight: e.weight,
      expected: e.expected,
      pValue: e.pValue,
      objects: [...new Set(e.coShares.map((c) => c.objectId))].slice(0, KEPT.objectsPerEdge),
    })),
    timeline: network.timeline.slice(-KEPT.timeline).map((s) => ({ accountId: s.accountId, objectId: s.objectId, at: iso(s.at), itemId: s.id ?? null })),
    firstAt: iso(network.firstAt),
    lastAt: iso(network.lastAt),
  };
}

export function createCoordinationWatch(options: TrackerOptions = {}): CoordinationWatch {
  const horizonSeconds = options.horizonSeconds ?? DEFAULT_HORIZON_SECONDS;
  const tracker = createCoordinationTracker({ ...options, horizonSeconds });
  /** Items fed to the tracker, with their unit and time (dropped past the horizon). */
  const seen = new Map<string, { unitId: string; at: number }>();
  let cursor: string | null = null;
  let newest = Number.NEGATIVE_INFINITY;
  let sinceForget = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function forget(): void {
    const cutoff = newest - horizonSeconds * 1000;
    for (const [id, s] of seen) if (s.at < cutoff) seen.delete(id);
    sinceForget = 0;
  }

  async function feed(ctx: Pick<PlatformContext, 'db'>, items: readonly StoredItem[]): Promise<number> {
    const fresh = items.filter((i) => !seen.has(i.id));
    if (fresh.length === 0) return 0;
    const platforms = await platformsOf(ctx.db, fresh);
    // The tracker trusts share times (ADR 0024): a date in the future would age out everything else.
    const now = Date.now();
    for (const item of fresh) {
      const at = Math.min(item.publishedAt.getTime(), now);
      seen.set(item.id, { unitId: item.unitId, at });
      if (at > newest) newest = at;
      const account = accountOf(item, platforms.get(item.sourceId));
      if (account) tracker.add(sharesOf(item, account.key, at));
    }
    sinceForget += fresh.length;
    if (sinceForget > 5000) forget();
    return fresh.length;
  }

  async function raise(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>): Promise<number> {
    const result = tracker.detect();
    if (result.networks.length === 0) return 0;
    const subjects = result.networks.map((network) => {
      const pair = foundingPair(network);
      return { network, pair, subjectKey: `pair:${pair[0]}|${pair[1]}` };
    });
    return inTransaction(ctx, async (tx) => {
      const held = await findingItemsOf(tx, 'coordination', subjects.map((s) => s.subjectKey));
      let raised = 0;
      for (const { network, pair, subjectKey } of subjects) {
        const itemIds = [...new Set(network.timeline.map((s) => s.id).filter((id): id is string => id !== undefined))];
        const already = held.get(subjectKey);
        const freshIds = itemIds.filter((id) => !already?.has(id));
        if (already && freshIds.length === 0) continue;
        const units = new Map<string, number>();
        for (const id of itemIds) {
          const unit = seen.get(id)?.unitId;
          if (unit) units.set(unit, (units.get(unit) ?? 0) + 1);
        }
        const unitId = [...units].sort((a, b) => b[1] - a[1])[0]?.[0];
        if (!unitId) continue;
        await raiseFinding(tx, {
          detector: 'coordination',
          subjectKey,
          type: 'coordinated-sharing',
          severity: network.accounts.length >= 10 ? 'high' : 'medium',
          unitId,
          title: { key: 'coordinated-sharing', params: { accounts: network.accounts.length, items: network.objects.length, seconds: result.window.seconds } },
          itemIds: freshIds,
          accountKeys: network.accounts.map((a) => a.accountId),
          evidence: { network: networkEvidence(network, result, pair) },
          seenAt: new Date(network.lastAt),
        });
        raised++;
      }
      return raised;
    });
  }

  async function onItems(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, ids: readonly string[]): Promise<number> {
    if (cursor === null) cursor = uuidv7Floor(Date.now() - horizonSeconds * 1000);
    const unitIds = (await listUnits(ctx.db)).map((u) => u.id);
    let added = 0;
    for (;;) {
      const page = await storedItemsPage(ctx.db, { afterId: cursor, limit: PAGE, unitIds });
      added += await feed(ctx, page);
      const last = page.at(-1);
      if (last) cursor = last.id;
      if (page.length < PAGE) break;
    }
    // An item committed after a later id was read (concurrent stores) is still fed through its event.
    const missing = ids.filter((id) => !seen.has(id));
    if (missing.length > 0) added += await feed(ctx, await storedItems(ctx.db, missing));
    return added > 0 ? raise(ctx) : 0;
  }

  return {
    onItems(ctx, ids) {
      // One batch at a time: the tracker and the cursor are this process's state.
      const run = queue.then(() => onItems(ctx, ids));
      queue = run.catch(() => undefined);
      return run;
    },
    get size() {
      return { shares: tracker.size.shares, items: seen.size };
    },
  };
}

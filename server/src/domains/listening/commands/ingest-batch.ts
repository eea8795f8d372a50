import type { IngestItem } from '@diplodesk/connector-sdk';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { type Analyser, type ItemAnalysis, unanalysed } from '../analyse-item.ts';
import type { AnalyseInput, BatchAnalyser } from '../analysis/batch-analyser.ts';
import { bandKeys, similarityOfHashes } from '@diplodesk/analysis';
import { assignClusters, bandCandidatesFor, insertItems, mergeClusters, type SourceRow } from '../listening.repo.ts';
import type { StoredItem, StoredItemsHook } from '../stored-items.ts';
import { withSafeLinks } from './safe-links.ts';

/** Word-shingle Jaccard at or above which two items tell the same story (tunable). */
export const nearDuplicateThreshold = 0.8;

export const itemsCollected = 'listening.items-collected';

// A control character other than tab/newline means a broken encoding upstream, not speech.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export type AnalysedItem = { item: IngestItem; title: string | null; analysis: ItemAnalysis };

/**
 * Analyses a batch from a source and stores it in one transaction. Idempotent: items the source
 * already delivered (same external id or same normalised text) are skipped, so a batch replayed
 * after a crash adds nothing. Returns how many were new.
 */
export async function ingestBatch(
  ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>,
  analyser: Analyser,
  source: Pick<SourceRow, 'id' | 'unitId'>,
  items: IngestItem[],
  onStored?: StoredItemsHook,
): Promise<{ inserted: string[]; skipped: number }> {
  const analysed = analyseItems(analyser, items);
  return inTransaction(ctx, (tx) => storeAnalysed(tx, source, analysed, items.length, onStored));
}

/** The same, inside the caller's transaction. */
export async function storeBatch(tx: Executor, analyser: Analyser, source: Pick<SourceRow, 'id' | 'unitId'>, items: IngestItem[], onStored?: StoredItemsHook): Promise<{ inserted: string[]; skipped: number }> {
  return storeAnalysed(tx, source, analyseItems(analyser, items), items.length, onStored);
}

/** What can be stored: text present, an id, a readable date; control characters and non-http(s) links removed. */
function storable(items: IngestItem[]): IngestItem[] {
  const out: IngestItem[] = [];
  for (const raw of items) {
    const item = { ...withSafeLinks(raw).item, text: String(raw.text ?? '').replace(controlChars, ' ').trim(), remoteId: String(raw.remoteId ?? '').slice(0, 500) };
    if (item.text.length === 0 || item.remoteId.length === 0 || Number.isNaN(Date.parse(item.publishedAt))) continue;
    out.push(item);
  }
  return out;
}

const inputOf = (item: IngestItem): AnalyseInput => ({ text: item.text, language: item.language, countries: countriesHint(item.raw) });

/**
 * The pure half: cleans and analyses what can be stored, on the calling thread. Runs outside any
 * transaction — it is the slow part — so the store step holds its locks briefly. An item the
 * analyser throws on is reported and kept unanalysed, never lost and never allowed to block its batch.
 */
export function analyseItems(analyser: Analyser, items: IngestItem[], onError: (item: IngestItem, err: unknown) => void = () => undefined): AnalysedItem[] {
  return storable(items).map((item) => {
    try {
      return { item, title: titleOf(item), analysis: analyser.analyse(inputOf(item)) };
    } catch (err) {
      onError(item, err);
      return { item, title: titleOf(item), analysis: unanalysed(item.text) };
    }
  });
}

/** The same through a batch analyser (the worker's analysis threads), in the items' order. */
export async function analyseItemsWith(analyser: BatchAnalyser, items: IngestItem[], onError: (item: IngestItem, err: unknown) => void = () => undefined): Promise<AnalysedItem[]> {
  const clean = storable(items);
  const outcomes = await analyser.analyseBatch(clean.map(inputOf));
  return clean.map((item, i) => {
    const outcome = outcomes[i];
    if (outcome && 'analysis' in outcome) return { item, title: titleOf(item), analysis: outcome.analysis };
    onError(item, new Error(outcome?.error ?? 'no analysis returned'));
    return { item, title: titleOf(item), analysis: unanalysed(item.text) };
  });
}

/**
 * Stores analysed items of one source, clusters the new ones, hands them to `onStored` (the
 * composition root's hook: integrity's claim matching) and announces them (one outbox event).
 */
export async function storeAnalysed(
  tx: Executor,
  source: Pick<SourceRow, 'id' | 'unitId'>,
  analysed: AnalysedItem[],
  received = analysed.length,
  onStored?: StoredItemsHook,
): Promise<{ inserted: string[]; skipped: number }> {
  const rows = await insertItems(tx, source, analysed);
  const clusters = await clusterItems(tx, rows);
  const inserted = rows.map((r) => r.id);
  if (onStored && rows.length > 0) {
    const stored: StoredItem[] = rows.map((r) => ({
      id: r.id,
      unitId: source.unitId,
      sourceId: source.id,
      text: r.text,
      title: r.title,
      language: r.language,
      clusterId: clusters.get(r.id) ?? r.id,
      publishedAt: new Date(r.published_at),
      author: r.author,
      countries: r.countries ?? [],
      url: r.url,
    }));
    await onStored(tx, stored);
  }
  // One event per 200 new items: the live stream reads the ids, and a big batch must not hide any.
  const events = [];
  for (let i = 0; i < inserted.length; i += 200) {
    const ids = inserted.slice(i, i + 200);
    events.push({ type: itemsCollected, unitId: source.unitId, data: { sourceId: source.id, count: ids.length, ids } });
  }
  if (events.length > 0) await appendEvents(tx, events);
  return { inserted, skipped: received - inserted.length };
}

/**
 * Puts each new item in the cluster of its nearest earlier near-duplicate (word-shingle Jaccard ≥
 * 0.8, candidates found through the stored LSH band keys and among the batch's earlier items), or
 * starts its own: a story retold by 500 accounts becomes one cluster whose members show its spread
 * over time. One candidate query and one write per batch, not per item.
 */
export async function clusterItems(tx: Executor, items: { id: string; text: string }[]): Promise<Map<string, string>> {
  const clusters = new Map<string, string>();
  if (items.length === 0) return clusters;
  const signatures = items.map((item) => ({ id: item.id, ...bandKeys(item.text) }));
  const stored = await bandCandidatesFor(tx, [...new Set(signatures.flatMap((s) => s.keys))]);
  const storedHashes = new Map<string, Uint32Array>();
  const batchByKey = new Map<string, { id: string; hashes: Uint32Array }[]>();
  /** Clusters found to be one story in this batch: merged → surviving cluster. */
  const merged = new Map<string, string>();
  for (const sig of signatures) {
    // Candidates ranked by how many band keys they share (more shared bands, higher likely
    // similarity); only the best few are compared exactly, so a story with thousands of retellings
    // costs no more per item than one with three.
    const shared = new Map<string, { clusterId: string; count: number; hashes: () => Uint32Array }>();
    for (const key of sig.keys) {
      for (const c of stored.get(key) ?? []) {
        const entry = shared.get(c.itemId);
        if (entry) entry.count++;
        else shared.set(c.itemId, { clusterId: c.clusterId, count: 1, hashes: () => hashesOfStored(storedHashes, c) });
      }
      for (const c of batchByKey.get(key) ?? []) {
        const entry = shared.get(c.id);
        if (entry) entry.count++;
        else shared.set(c.id, { clusterId: clusters.get(c.id) ?? c.id, count: 1, hashes: () => c.hashes });
      }
    }
    let best: { clusterId: string; score: number } | null = null;
    const matched = new Set<string>();
    for (const candidate of [...shared.values()].sort((a, b) => b.count - a.count).slice(0, verifiedCandidates)) {
      const score = similarityOfHashes(sig.hashes, candidate.hashes());
      if (score < nearDuplicateThreshold) continue;
      const clusterId = resolve(merged, candidate.clusterId);
      matched.add(clusterId);
      if (!best || score > best.score) best = { clusterId, score };
    }
    const target = best?.clusterId ?? sig.id;
    // An item close to two clusters joins them: the story is one, whichever retelling came first.
    for (const other of matched) if (other !== target) merged.set(other, target);
    clusters.set(sig.id, target);
    for (const key of sig.keys) {
      const list = batchByKey.get(key) ?? [];
      list.push({ id: sig.id, hashes: sig.hashes });
      batchByKey.set(key, list);
    }
  }
  for (const [id, clusterId] of clusters) clusters.set(id, resolve(merged, clusterId));
  await assignClusters(tx, signatures.map((s) => ({ itemId: s.id, clusterId: clusters.get(s.id) ?? s.id, keys: s.keys })));
  if (merged.size > 0) await mergeClusters(tx, [...merged.keys()].map((from) => ({ from, to: resolve(merged, from) })));
  return clusters;
}

/** How many of an item's best-ranked candidates are compared exactly. */
const verifiedCandidates = 6;

/** Follows merges to the surviving cluster. */
function resolve(merged: Map<string, string>, clusterId: string): string {
  let id = clusterId;
  for (let hops = 0; hops < 50 && merged.has(id); hops++) id = merged.get(id) ?? id;
  return id;
}

function hashesOfStored(cache: Map<string, Uint32Array>, candidate: { itemId: string; text: string }): Uint32Array {
  const known = cache.get(candidate.itemId);
  if (known) return known;
  const computed = bandKeys(candidate.text).hashes;
  cache.set(candidate.itemId, computed);
  return computed;
}

/** A headline: the source's own title (imports), or a short first paragraph (feeds send title + summary). */
function titleOf(item: IngestItem): string | null {
  const raw = item.raw as { title?: unknown } | undefined;
  if (raw && typeof raw.title === 'string' && raw.title.trim()) return raw.title.trim().slice(0, 300);
  const [first, ...rest] = item.text.split(/\n\s*\n/);
  return rest.length > 0 && first && first.trim().length <= 200 ? first.trim() : null;
}

/** Countries a source already coded (GDELT's actor and place codes, mapped to ISO by the connector). */
function countriesHint(raw: unknown): string[] | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const codes = (raw as { isoCountries?: unknown }).isoCountries;
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c)) : undefined;
}

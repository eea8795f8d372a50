import type { IngestItem } from '@diplodesk/connector-sdk';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import type { Analyser } from '../analyse-item.ts';
import { bandKeys, similarityOfHashes } from '@diplodesk/analysis';
import { assignCluster, bandCandidates, insertItems, type SourceRow } from '../listening.repo.ts';

/** Word-shingle Jaccard at or above which two items tell the same story (tunable). */
export const nearDuplicateThreshold = 0.8;

export const itemsCollected = 'listening.items-collected';

// A control character other than tab/newline means a broken encoding upstream, not speech.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Analyses a batch from a source and stores it in one transaction. Idempotent: items the source
 * already delivered (same external id or same normalised text) are skipped, so a batch replayed
 * after a crash adds nothing. Returns how many were new.
 */
export async function ingestBatch(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, analyser: Analyser, source: Pick<SourceRow, 'id' | 'unitId'>, items: IngestItem[]): Promise<{ inserted: string[]; skipped: number }> {
  return inTransaction(ctx, (tx) => storeBatch(tx, analyser, source, items));
}

/** The same, inside the caller's transaction (the poll job records its batch with the job's completion). */
export async function storeBatch(tx: Executor, analyser: Analyser, source: Pick<SourceRow, 'id' | 'unitId'>, items: IngestItem[]): Promise<{ inserted: string[]; skipped: number }> {
  const usable = items
    .map((item) => ({ ...item, text: item.text.replace(controlChars, ' ').trim(), remoteId: item.remoteId.slice(0, 500) }))
    .filter((item) => item.text.length > 0 && item.remoteId.length > 0 && !Number.isNaN(Date.parse(item.publishedAt)));
  const analysed = usable.map((item) => ({ item, title: titleOf(item), analysis: analyser.analyse({ text: item.text, language: item.language, countries: countriesHint(item.raw) }) }));
  const rows = await insertItems(tx, source, analysed);
  for (const row of rows) await clusterItem(tx, row);
  const inserted = rows.map((r) => r.id);
  if (inserted.length > 0) await appendEvents(tx, [{ type: itemsCollected, unitId: source.unitId, data: { sourceId: source.id, count: inserted.length, ids: inserted.slice(0, 200) } }]);
  return { inserted, skipped: items.length - inserted.length };
}

/**
 * Puts a new item in the cluster of its nearest earlier near-duplicate (word-shingle Jaccard ≥ 0.8,
 * candidates found through the stored LSH band keys), or starts its own: a story retold by 500
 * accounts becomes one cluster whose members show its spread over time.
 */
export async function clusterItem(tx: Executor, item: { id: string; text: string }): Promise<string> {
  const { keys, hashes } = bandKeys(item.text);
  let best: { clusterId: string; score: number } | null = null;
  for (const candidate of await bandCandidates(tx, keys, item.id)) {
    const score = similarityOfHashes(hashes, bandKeys(candidate.text).hashes);
    if (score >= nearDuplicateThreshold && (!best || score > best.score)) best = { clusterId: candidate.clusterId, score };
  }
  const clusterId = best?.clusterId ?? item.id;
  await assignCluster(tx, item.id, clusterId, keys);
  return clusterId;
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

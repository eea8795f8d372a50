// Reader of ../shared/data/claims-clef2020 (CLEF 2020 CheckThat! Task 2, English): the fact-checked
// claims, and per split the tweets with the one claim each is about (qrels).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimInput } from '../src/claims/index.ts';
import { parseCsv } from './sentiment.ts';

export type ClefSplit = 'train' | 'dev';

/** A tweet and the claims the qrels give for it (one, in all but a few cases). */
export type ClefQuery = { id: string; text: string; claimIds: string[] };

export type Clef2020 = { claims: ClaimInput[]; queries: Record<ClefSplit, ClefQuery[]> };

function readQueries(dir: string, split: ClefSplit): ClefQuery[] {
  const texts = new Map<string, string>();
  for (const row of parseCsv(readFileSync(join(dir, split, 'tweets.queries.tsv'), 'utf8'), '\t')) {
    texts.set(row['']!, row.tweet_content ?? '');
  }
  const out = new Map<string, ClefQuery>();
  // TREC qrels: query, iteration, document, relevance (tabs in this release, spaces in others).
  for (const line of readFileSync(join(dir, split, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
    const [id, , claimId, relevance] = line.trim().split(/\s+/u);
    if (!id || !claimId || relevance === '0') continue;
    const text = texts.get(id);
    if (text === undefined) throw new Error(`qrels name tweet ${id}, absent from ${split}/tweets.queries.tsv`);
    const query = out.get(id);
    if (query) query.claimIds.push(claimId);
    else out.set(id, { id, text, claimIds: [claimId] });
  }
  return [...out.values()];
}

/** The CLEF 2020 claim-retrieval data under `dataDir`, or undefined when the folder is absent. */
export function readClef2020(dataDir: string): Clef2020 | undefined {
  const dir = join(dataDir, 'claims-clef2020');
  if (!existsSync(join(dir, 'verified_claims.docs.tsv'))) return undefined;
  const claims = parseCsv(readFileSync(join(dir, 'verified_claims.docs.tsv'), 'utf8'), '\t').map((row) => ({
    id: row['']!,
    text: row.vclaim ?? '',
    title: row.title ?? '',
    language: 'en',
  }));
  return { claims, queries: { train: readQueries(dir, 'train'), dev: readQueries(dir, 'dev') } };
}

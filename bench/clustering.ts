// Near-duplicate clustering as the server does it (LSH band keys stored in the database, one
// candidate query and one write per 500-item batch) on 100,000 items in PGlite: time, and pair
// recall against exact word-shingle Jaccard ≥ 0.8 on a 3,000-item sample. The baseline in the
// same process is the in-memory LSH index of `@diplodesk/analysis` on the same texts.
import { createNearDuplicateIndex, shingleHashes } from '@diplodesk/analysis';
import { sql } from 'drizzle-orm';
import { clusterItems } from '../server/src/domains/listening/commands/ingest-batch.ts';
import { openDatabase, queryRows } from '../server/src/platform/db/index.ts';
import { newIdFor } from '../server/src/platform/db/index.ts';
import { seededRandom } from '@diplodesk/analysis';

const ITEMS = Number(process.env.BENCH_CLUSTER_ITEMS ?? 100_000);
const SAMPLE = 3_000;

const prng = seededRandom;

/** 5,000 base posts of 25 words from a 2,000-word vocabulary; each item is a base with 0–2 word edits. */
function corpus(count: number): string[] {
  const rand = prng(42);
  const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
  const pick = () => vocabulary[Math.floor(rand() * vocabulary.length)] ?? 'x';
  const bases = Array.from({ length: 5000 }, () => Array.from({ length: 25 }, pick));
  return Array.from({ length: count }, () => {
    const words = [...(bases[Math.floor(rand() * bases.length)] ?? [])];
    const edits = Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * words.length);
      if (rand() < 0.5) words.splice(at, 1);
      else words.splice(at, 0, pick());
    }
    return words.join(' ');
  });
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  let common = 0;
  for (const x of b) if (sa.has(x)) common++;
  const union = sa.size + new Set(b).size - common;
  return union === 0 ? 1 : common / union;
}

function recall(texts: string[], clusterOf: (i: number) => string): { recall: number; positives: number } {
  const rand = prng(7);
  const picked = new Set<number>();
  while (picked.size < Math.min(SAMPLE, texts.length)) picked.add(Math.floor(rand() * texts.length));
  const ids = [...picked];
  const hashes = ids.map((i) => shingleHashes(texts[i] ?? ''));
  const clusters = ids.map(clusterOf);
  let positives = 0;
  let found = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      if (jaccard(hashes[a] as Uint32Array, hashes[b] as Uint32Array) >= 0.8) {
        positives++;
        if (clusters[a] === clusters[b]) found++;
      }
    }
  }
  return { recall: positives ? found / positives : 1, positives };
}

export async function benchClustering(): Promise<Record<string, unknown>> {
  const texts = corpus(ITEMS);

  const memory = createNearDuplicateIndex();
  let t = performance.now();
  for (let i = 0; i < texts.length; i++) memory.add(String(i), texts[i] ?? '', i);
  const memorySeconds = (performance.now() - t) / 1000;
  const memoryRecall = recall(texts, (i) => memory.clusterOf(String(i)) ?? String(i));

  const database = await openDatabase({ dataDir: undefined });
  await database.migrate();
  const db = database.db;
  const source = '00000000-0000-4000-8000-0000000000c1';
  const ids: string[] = [];
  let clusteringMs = 0;
  for (let start = 0; start < texts.length; start += 500) {
    const batch = texts.slice(start, start + 500).map((text, k) => ({ id: newIdFor(), text, n: start + k }));
    ids.push(...batch.map((b) => b.id));
    const rows = JSON.stringify(batch.map((b) => ({ id: b.id, text: b.text, n: b.n })));
    await db.execute(sql`
      insert into listening_items (id, source_id, unit_id, external_id, content_hash, text, published_at, cluster_id)
      select r.id, ${source}::uuid, ${source}::uuid, 'c' || r.n, md5(r.n::text), r.text, now(), r.id
      from jsonb_to_recordset(${rows}::jsonb) as r(id uuid, text text, n int)`);
    t = performance.now();
    await db.transaction((tx) => clusterItems(tx, batch));
    clusteringMs += performance.now() - t;
  }
  const stored = new Map((await queryRows<{ id: string; cluster_id: string }>(db, sql`select id, cluster_id from listening_items`)).map((r) => [r.id, r.cluster_id]));
  const dbRecall = recall(texts, (i) => stored.get(ids[i] ?? '') ?? '');
  const [clusters] = await queryRows<{ n: number }>(db, sql`select count(distinct cluster_id)::int as n from listening_items`);
  await database.close();

  const summary = {
    bench: 'clustering',
    metric: `near-duplicate clustering of ${ITEMS.toLocaleString('en')} items: database LSH (PGlite) vs in-memory LSH, recall vs exact Jaccard ≥ 0.8 on a ${SAMPLE}-item sample`,
    items: ITEMS,
    databaseSeconds: Number((clusteringMs / 1000).toFixed(1)),
    databaseItemsPerSecond: Math.round(ITEMS / (clusteringMs / 1000)),
    databasePairRecall: Number(dbRecall.recall.toFixed(4)),
    inMemorySeconds: Number(memorySeconds.toFixed(1)),
    inMemoryPairRecall: Number(memoryRecall.recall.toFixed(4)),
    samplePairsAtOrAbove08: dbRecall.positives,
    clusters: clusters?.n,
    databaseTimeOverInMemory: Number((clusteringMs / 1000 / memorySeconds).toFixed(1)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}

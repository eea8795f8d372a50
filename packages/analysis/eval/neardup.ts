import { createNearDuplicateIndex } from '../src/neardup/index.ts';
import { jaccardOfHashes, shingleHashes } from '../src/neardup/minhash.ts';
import { prng } from './random.ts';
import { readSib200, SIB200_LANGUAGES } from './sib200.ts';
import type { EvalRow } from './types.ts';

/** A copy of `base` with 0–2 random word drops or insertions (words taken from `pool`). */
function mutate(base: string, pool: string[], rand: () => number): string {
  const words = base.split(' ');
  const edits = Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * words.length);
    if (rand() < 0.5 && words.length > 4) words.splice(at, 1);
    else words.splice(at, 0, pool[Math.floor(rand() * pool.length)]!);
  }
  return words.join(' ');
}

export type NearDupEvalOptions = { items?: number; sample?: number; seed?: number };

/**
 * Recall of the LSH index against exact Jaccard ≥ 0.8 on a sample of synthetic near-duplicates of the
 * SIB-200 sentences (space-separated languages only), and the index's throughput for `items` posts.
 */
export async function evaluateNearDuplicates(dataDir: string, options: NearDupEvalOptions = {}): Promise<EvalRow[]> {
  const total = options.items ?? 100_000;
  const sampleSize = options.sample ?? 3_000;
  const rand = prng(options.seed ?? 2024);
  const bases: string[] = [];
  for (const file of Object.keys(SIB200_LANGUAGES)) {
    if (file === 'zho_Hans') continue; // no spaces: word drops/insertions do not apply
    bases.push(...(readSib200(dataDir, file) ?? []));
  }
  if (bases.length === 0) return [];
  const pool = bases.flatMap((s) => s.split(' '));
  const texts = Array.from({ length: total }, () => mutate(bases[Math.floor(rand() * bases.length)]!, pool, rand));

  const index = createNearDuplicateIndex();
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) index.add(String(i), texts[i]!, i);
  const seconds = (performance.now() - started) / 1000;

  const sample = new Set<number>();
  while (sample.size < Math.min(sampleSize, total)) sample.add(Math.floor(rand() * total));
  const picked = [...sample];
  const sets = picked.map((i) => shingleHashes(texts[i]!));
  const clusterOf = picked.map((i) => index.clusterOf(String(i)));
  let positives = 0;
  let found = 0;
  let sameClusterBelow = 0;
  for (let a = 0; a < picked.length; a++) {
    for (let b = a + 1; b < picked.length; b++) {
      const same = clusterOf[a] === clusterOf[b];
      if (jaccardOfHashes(sets[a]!, sets[b]!) >= 0.8) {
        positives++;
        if (same) found++;
      } else if (same) sameClusterBelow++;
    }
  }
  const base = { task: 'near-duplicates', dataset: 'sib200-synthetic', language: 'mixed' };
  const note = `word 3-shingles, 20 bands × 5 rows, ${bases.length} base sentences, 0–2 word edits each`;
  return [
    { ...base, metric: 'pair recall vs exact J≥0.8', value: positives ? found / positives : 1, n: positives, note: `${sampleSize}-item sample; ${note}` },
    { ...base, metric: 'same-cluster pairs with J<0.8 (chaining)', value: sameClusterBelow, n: (picked.length * (picked.length - 1)) / 2, note: 'count over all sample pairs' },
    { ...base, metric: 'items/s (index add)', value: Math.round(total / seconds), n: total, note: `${seconds.toFixed(1)} s, ${index.clusters(2).length} clusters ≥ 2` },
  ];
}

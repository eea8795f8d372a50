import { describe, expect, it } from 'vitest';
import { createNearDuplicateIndex, jaccard, minhashSeeds, minhashSignature, shingleHashes, shingles } from './index.ts';

const STORY =
  'Menteri Luar Negeri bertemu dengan duta besar negara sahabat di Jakarta pada hari Senin untuk membahas kerja sama ' +
  'maritim, perdagangan, dan perlindungan warga negara di kawasan Asia Tenggara serta rencana kunjungan presiden tahun depan';
const EDITED = `${STORY.replace('pada hari Senin', 'pada Senin')} https://t.co/xyz`;
const OTHER =
  'Harga beras di pasar tradisional naik tajam minggu ini akibat cuaca buruk yang mengganggu panen di beberapa daerah penghasil';
const OTHER2 = 'The central bank kept interest rates unchanged and signalled that inflation would ease later in the year ahead';

describe('shingles and jaccard', () => {
  it('uses word 3-shingles, and character shingles for very short texts', () => {
    expect(shingles('a b c d')).toEqual(['a b c', 'b c d']);
    expect(shingles('Halo!')).toEqual(['halo']);
    expect(shingles('Selamat pagi')).toContain('pagi');
  });
  it('a small edit keeps Jaccard ≥ 0.8, unrelated texts are near 0', () => {
    expect(jaccard(STORY, EDITED)).toBeGreaterThanOrEqual(0.8);
    expect(jaccard(STORY, OTHER)).toBeLessThan(0.1);
  });
  it('signatures are deterministic for a seed and differ between seeds', () => {
    const h = shingleHashes(STORY);
    expect(minhashSignature(h, minhashSeeds(16, 1))).toEqual(minhashSignature(h, minhashSeeds(16, 1)));
    expect(minhashSignature(h, minhashSeeds(16, 1))).not.toEqual(minhashSignature(h, minhashSeeds(16, 2)));
  });
});

describe('createNearDuplicateIndex', () => {
  it('clusters an edited copy with the original and keeps unrelated texts apart', () => {
    const idx = createNearDuplicateIndex();
    expect(idx.add('a', STORY, 1).isNew).toBe(true);
    const b = idx.add('b', EDITED, 2);
    expect(b).toMatchObject({ clusterId: 'a', isNew: false, similarTo: { id: 'a' } });
    expect(idx.add('c', OTHER, 3)).toMatchObject({ clusterId: 'c', isNew: true });
    expect(idx.add('d', OTHER2, 4).isNew).toBe(true);
  });

  it('puts 500 accounts posting the same story (with small variations) in one cluster with its timeline', () => {
    const idx = createNearDuplicateIndex();
    for (let i = 0; i < 500; i++) {
      const text = i % 3 === 0 ? `${STORY} @akun${i} https://t.co/${i}` : i % 3 === 1 ? EDITED : `RT ${STORY}`;
      idx.add(`p${i}`, text, 1_000 + i * 60_000);
    }
    idx.add('x', OTHER, 5);
    const clusters = idx.clusters(2);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ clusterId: 'p0', size: 500, firstAt: 1_000, lastAt: 1_000 + 499 * 60_000 });
    expect(idx.clusterOf('x')).toBe('x');
  });

  it('gives the same partition whatever the arrival order, and merges bridged clusters', () => {
    const texts: [string, string][] = [
      ['a', STORY],
      ['b', EDITED],
      ['c', OTHER],
      ['d', `${OTHER} hari ini`],
      ['e', OTHER2],
    ];
    const partition = (order: [string, string][]) => {
      const idx = createNearDuplicateIndex({ seed: 7 });
      for (const [id, t] of order) idx.add(id, t);
      return idx
        .clusters(1)
        .map((c) => c.items.map((i) => i.id).sort().join(','))
        .sort();
    };
    const forward = partition(texts);
    expect(forward).toEqual(['a,b', 'c,d', 'e']);
    expect(partition([...texts].reverse())).toEqual(forward);
    expect(partition([texts[2]!, texts[0]!, texts[4]!, texts[1]!, texts[3]!])).toEqual(forward);
  });

  it('is deterministic across instances with the same seed', () => {
    const run = () => {
      const idx = createNearDuplicateIndex({ seed: 42, bands: 10, rows: 4 });
      return [STORY, EDITED, OTHER, OTHER2].map((t, i) => idx.add(String(i), t, i));
    };
    expect(run()).toEqual(run());
  });

  it('rejects a repeated id', () => {
    const idx = createNearDuplicateIndex();
    idx.add('a', STORY);
    expect(() => idx.add('a', STORY)).toThrow(/already added/);
  });
});

describe('band keys', () => {
  it('give near-duplicates a shared key and unrelated texts none, deterministically', async () => {
    const { bandKeys, similarityOfHashes } = await import('./band-keys.ts');
    const a = bandKeys('Indonesia welcomes the regional fisheries agreement signed today in Jakarta by ten countries');
    const b = bandKeys('Indonesia welcomes the regional fisheries agreement signed today in Jakarta by ten countries!!');
    const c = bandKeys('Heavy rain floods three districts of Manila as typhoon season begins early this year');
    expect(a.keys).toHaveLength(20);
    expect(a.keys.some((k) => b.keys.includes(k))).toBe(true);
    expect(a.keys.some((k) => c.keys.includes(k))).toBe(false);
    expect(similarityOfHashes(a.hashes, b.hashes)).toBeGreaterThanOrEqual(0.8);
    expect(bandKeys('Indonesia welcomes the regional fisheries agreement signed today in Jakarta by ten countries').keys).toEqual(a.keys);
  });
});

import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyser } from '../analyse-item.ts';
import { type AnalysisPool, createAnalysisPool, inThreadAnalyser } from './batch-analyser.ts';

const texts = [
  'Indonesia dan Jepang sepakati kerja sama maritim di Laut Natuna.',
  'Japan and Australia agree to expand maritime security cooperation in the Pacific.',
  'Kerajaan Malaysia bersetuju dengan pelbagai langkah baharu untuk syarikat kecil.',
  'Floods in Thailand prompt an offer of climate cooperation from Indonesia.',
];
const batch = Array.from({ length: 120 }, (_, i) => ({ text: `${texts[i % texts.length]} (${i})` }));

const pools: AnalysisPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('analysis on worker threads', () => {
  it('gives, in order, exactly what the same analyser gives on this thread', { timeout: 30_000 }, async () => {
    const pool = createAnalysisPool(2);
    pools.push(pool);
    const threaded = await pool.analyserFor('v1', DEFAULT_TAXONOMY, {}).analyseBatch(batch);
    const local = await inThreadAnalyser(await createAnalyser(DEFAULT_TAXONOMY, {})).analyseBatch(batch);
    expect(threaded).toHaveLength(batch.length);
    expect(threaded).toEqual(local);
    expect(threaded.map((o) => ('analysis' in o ? o.analysis.language : 'error')).slice(0, 4)).toEqual(['id', 'en', 'ms', 'en']);
  });

  it('takes up a new taxonomy version: a topic added to the taxonomy is found', { timeout: 30_000 }, async () => {
    const pool = createAnalysisPool(2);
    pools.push(pool);
    const fisheries = [...DEFAULT_TAXONOMY, { id: 'fisheries', labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { en: ['fishing', 'fishermen'], id: ['nelayan', 'perikanan'] } }];
    const before = await pool.analyserFor('v1', DEFAULT_TAXONOMY, {}).analyseBatch([{ text: 'Nelayan di Natuna melaporkan hasil perikanan menurun.', language: 'id' }]);
    const after = await pool.analyserFor('v2', fisheries, {}).analyseBatch([{ text: 'Nelayan di Natuna melaporkan hasil perikanan menurun.', language: 'id' }]);
    const ids = (o: (typeof before)[number] | undefined) => (o && 'analysis' in o ? o.analysis.topicIds : []);
    expect(ids(before[0])).not.toContain('fisheries');
    expect(ids(after[0])).toContain('fisheries');
  });

  it('refuses work once closed', async () => {
    const pool = createAnalysisPool(1);
    await pool.close();
    await expect(pool.analyserFor('v1', DEFAULT_TAXONOMY, {}).analyseBatch(batch.slice(0, 1))).rejects.toThrow(/closed/);
  });
});

describe('items in the regional languages of Indonesia', () => {
  it('keep their own language code and are read with the Indonesian keywords and country names', async () => {
    const analyser = await createAnalyser(DEFAULT_TAXONOMY, {});
    const javanese = analyser.analyse({ text: 'Warga desa ing pinggir kali padha ngungsi amarga banjir gedhe, bantuan saka Jepang wis teka.' });
    expect(javanese.language).toBe('jv');
    expect(javanese.topics.map((t) => t.id)).toContain('climate-environment');
    expect(javanese.countries).toContain('JP');
    const banjar = analyser.analyse({ text: 'Ulun handak tulak ka pasar, tapi hujan lebat banar kada kawa bajalan.' });
    expect(banjar.language).toBe('bjn');
  });
});

// Search on a large archive (1,000,000 items by default) on PostgreSQL: p50/p95 of the search
// page query (newest 51 matches) and of the four facet counts, for a mix of word searches,
// filters and substring (trigram) searches. The baseline in the same process is an indexed
// single-row lookup; the items are generated inside PostgreSQL (the analysis is not what is
// measured here — `bench ingest` measures that).
import { sql } from 'drizzle-orm';
import { facetSummary, type ItemQuery, searchItems } from '../server/src/domains/listening/index.ts';
import { openDatabase, queryRows } from '../server/src/platform/db/index.ts';
import { freshPostgres, percentile } from './support.ts';

const ITEMS = Number(process.env.BENCH_SEARCH_ITEMS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);

const idWords = ['kementerian', 'luar', 'negeri', 'menyambut', 'kesepakatan', 'perikanan', 'regional', 'nelayan', 'natuna', 'kapal', 'bantuan', 'banjir', 'vaksin', 'kerja', 'sama', 'maritim', 'perdagangan', 'investasi', 'iklim', 'energi', 'perbatasan', 'pengungsi', 'diplomasi', 'kedaulatan', 'pelabuhan', 'ekspor', 'sawit', 'nikel', 'pemilu', 'keamanan'];
const enWords = ['ministry', 'welcomes', 'agreement', 'fisheries', 'regional', 'fishermen', 'vessel', 'flood', 'relief', 'vaccines', 'cooperation', 'maritime', 'security', 'trade', 'investment', 'climate', 'energy', 'summit', 'border', 'refugees', 'diplomacy', 'sovereignty', 'port', 'exports', 'palm', 'nickel', 'election', 'cyber', 'sanctions', 'embassy'];
const countries = ['ID', 'MY', 'SG', 'PH', 'JP', 'AU', 'CN', 'US', 'NL', 'KE', 'TH', 'VN'];
const topics = ['climate', 'terrorism', 'trade', 'health', 'maritime', 'migration', 'human-rights', 'cyber', 'diplomacy'];

const lit = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

async function fill(db: Awaited<ReturnType<typeof openDatabase>>['db'], unitId: string, sourceIds: string[]): Promise<void> {
  const chunk = 100_000;
  for (let start = 1; start <= ITEMS; start += chunk) {
    const end = Math.min(ITEMS, start + chunk - 1);
    // Deterministic pseudo-random words per row; half the rows Indonesian, half English.
    await db.execute(
      sql.raw(`
      insert into listening_items (id, source_id, unit_id, external_id, content_hash, text, language, language_confidence, published_at,
        countries, topics, topic_ids, sentiment, sentiment_method, cluster_id, search)
      select id, src, '${unitId}'::uuid, 'x' || g, md5(g::text), body, lang, 0.9, timestamptz '2026-11-25' - make_interval(secs => g * 2.6),
        to_jsonb(array[c1, c2]), '[]'::jsonb, to_jsonb(array[t1]), ((g % 200) - 100) / 100.0, 'afinn', id,
        to_tsvector(case when lang = 'id' then 'indonesian'::regconfig else 'english'::regconfig end, body)
      from (
        select g, gen_random_uuid() as id, (${lit(sourceIds)})[1 + g % ${sourceIds.length}]::uuid as src,
          case when g % 2 = 0 then 'id' else 'en' end as lang,
          (${lit(countries)})[1 + (g * 7) % ${countries.length}] as c1, (${lit(countries)})[1 + (g * 13) % ${countries.length}] as c2,
          (${lit(topics)})[1 + (g * 3) % ${topics.length}] as t1,
          (select string_agg(case when g % 2 = 0 then (${lit(idWords)})[1 + ((g * 2654435761::bigint + k * 40503) % 30)::int]
                                  else (${lit(enWords)})[1 + ((g * 2654435761::bigint + k * 40503) % 30)::int] end, ' ')
             from generate_series(1, 28) k) || ' ' || g as body
        from generate_series(${start}, ${end}) g
      ) r`),
    );
    console.error(`  ${end.toLocaleString('en')} items`);
  }
  await db.execute(sql`analyze listening_items`);
}

export async function benchSearch(): Promise<Record<string, unknown>> {
  const fresh = await freshPostgres('search');
  const database = await openDatabase({ url: fresh.url, poolSize: 4 });
  try {
    await database.migrate();
    const unitId = '00000000-0000-4000-8000-000000000001';
    const sourceIds = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000010${i}`);
    const filled = performance.now();
    await fill(database.db, unitId, sourceIds);
    const fillSeconds = (performance.now() - filled) / 1000;

    const base: ItemQuery = { unitIds: [unitId], limit: 51 };
    const queries: [string, ItemQuery][] = [
      ['one word (id)', { ...base, q: 'nelayan' }],
      ['one word (en)', { ...base, q: 'fishermen' }],
      ['phrase', { ...base, q: '"kerja sama"' }],
      ['two words + language', { ...base, q: 'maritime security', languages: ['en'] }],
      ['word + country + topic', { ...base, q: 'perbatasan', countries: ['MY'], topics: ['maritime'] }],
      ['word + last 7 days', { ...base, q: 'sanctions', from: new Date('2026-11-18') }],
      ['negative tone', { ...base, q: 'banjir', sentimentMax: -0.5 }],
      ['no text, country', { ...base, countries: ['KE'] }],
      ['contains (trigram)', { ...base, q: 'sovereig', match: 'contains' }],
      ['rare word', { ...base, q: '777777' }],
    ];
    const pageTimes: number[] = [];
    const facetTimes: number[] = [];
    const baseTimes: number[] = [];
    const perQuery: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, query] of queries) {
        let t = performance.now();
        await searchItems(database.db, query);
        const page = performance.now() - t;
        pageTimes.push(page);
        perQuery[label] = Math.max(perQuery[label] ?? 0, Math.round(page));
        t = performance.now();
        await facetSummary(database.db, query);
        facetTimes.push(performance.now() - t);
        t = performance.now();
        await queryRows(database.db, sql`select id from listening_items where external_id = ${`x${1 + round * 1000}`} and source_id = ${sourceIds[round % 8]}`);
        baseTimes.push(performance.now() - t);
      }
    }
    const summary = {
      bench: 'search',
      metric: `ms per search on ${ITEMS.toLocaleString('en')} items (PostgreSQL), ${queries.length} query shapes × ${ROUNDS} rounds`,
      items: ITEMS,
      fillSeconds: Math.round(fillSeconds),
      pageP50Ms: Math.round(percentile(pageTimes, 50)),
      pageP95Ms: Math.round(percentile(pageTimes, 95)),
      facetsP50Ms: Math.round(percentile(facetTimes, 50)),
      facetsP95Ms: Math.round(percentile(facetTimes, 95)),
      indexedLookupP95Ms: Number(percentile(baseTimes, 95).toFixed(2)),
      worstPageMsByQuery: perQuery,
    };
    console.log(JSON.stringify(summary));
    return summary;
  } finally {
    await database.close();
    await fresh.drop();
  }
}

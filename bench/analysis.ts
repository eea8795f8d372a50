// Analysis throughput on one core: the full per-item pipeline the worker runs (normalise, language
// ID, countries, topics, tone, LSH band keys) on 280-character posts, against a floor that only
// tokenises the same posts. Prints both and the ratio (the pipeline's cost over the floor).
import { bandKeys, classifyTopics, countriesMentioned, createLanguageIdentifier, DEFAULT_TAXONOMY, normalise, sentiment, tokens } from '@diplodesk/analysis';

const fragments = {
  id: [
    'Kementerian Luar Negeri menyambut baik kesepakatan perikanan regional dengan Malaysia dan Filipina.',
    'Warga kecewa karena bantuan banjir terlambat datang ke Kalimantan Selatan.',
    'Indonesia mengirim vaksin ke Papua Nugini dan Fiji sebagai bagian dari kerja sama kesehatan.',
    'Nelayan di Natuna melaporkan kapal asing di perairan Indonesia.',
  ],
  en: [
    'Japan and Australia agree to expand maritime security cooperation in the Pacific.',
    'The summit in Jakarta ended with a joint statement on climate finance and clean energy.',
    'Critics say the trade deal with the European Union hurts small farmers in Southeast Asia.',
    'Cyber attacks on government websites rose sharply this month, officials said.',
  ],
};

function posts(count: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (out.length < count) {
    const pool = i % 2 === 0 ? fragments.id : fragments.en;
    let text = '';
    let j = i;
    while (text.length < 260) text += `${pool[j++ % pool.length]} `;
    out.push(`${text.slice(0, 270)} #${i % 7}`.slice(0, 280));
    i++;
  }
  return out;
}

export async function benchAnalysis(): Promise<Record<string, unknown>> {
  const items = posts(Number(process.env.BENCH_ANALYSIS_ITEMS ?? 5000));
  const lid = await createLanguageIdentifier();
  const pipeline = (text: string) => {
    const n = normalise(text);
    const language = lid.identify(n.text);
    const lang = language.language === 'id' || language.language === 'ms' ? 'id' : 'en';
    countriesMentioned(n.text, { language: lang });
    classifyTopics(n.text, DEFAULT_TAXONOMY, { language: lang });
    sentiment(n.text, language.language);
    bandKeys(n.text);
  };
  const floor = (text: string) => tokens(text);
  // Warm both (JIT, lazily built gazetteer and lexicons).
  for (const t of items.slice(0, 500)) {
    pipeline(t);
    floor(t);
  }
  const time = (fn: (t: string) => unknown) => {
    const started = performance.now();
    for (const t of items) fn(t);
    return items.length / ((performance.now() - started) / 1000);
  };
  const floorRate = time(floor);
  const pipelineRate = time(pipeline);
  const summary = {
    bench: 'analysis',
    metric: 'items/s on one core, 280-character posts (half Indonesian, half English)',
    items: items.length,
    pipelineItemsPerSecond: Math.round(pipelineRate),
    tokeniseOnlyItemsPerSecond: Math.round(floorRate),
    costOverFloor: Number((floorRate / pipelineRate).toFixed(1)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}

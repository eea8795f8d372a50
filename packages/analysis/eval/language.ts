import { createLanguageIdentifier } from '../src/language/index.ts';
import { readNusax, readSmsa } from './sentiment.ts';
import { readSib200, SIB200_LANGUAGES } from './sib200.ts';
import type { EvalRow } from './types.ts';

/**
 * Language-ID accuracy on the SIB-200 sentences, per language and overall, with and without the
 * Indonesian/Malay marker step, plus the id↔ms confusion counts. Returns [] when the data is absent.
 */
export async function evaluateLanguage(dataDir: string): Promise<EvalRow[]> {
  const plain = await createLanguageIdentifier({ idMsMarkers: false });
  const marked = await createLanguageIdentifier({ idMsMarkers: true });
  const rows: EvalRow[] = [];
  const total = { n: 0, plain: 0, marked: 0 };
  const confusion = { plain: { idAsMs: 0, msAsId: 0 }, marked: { idAsMs: 0, msAsId: 0 } };
  const base = { task: 'language-id', dataset: 'sib200' };

  for (const [file, expected] of Object.entries(SIB200_LANGUAGES)) {
    const sentences = readSib200(dataDir, file);
    if (!sentences) continue;
    let okPlain = 0;
    let okMarked = 0;
    for (const s of sentences) {
      const a = plain.identify(s).language;
      const b = marked.identify(s).language;
      if (a === expected) okPlain++;
      if (b === expected) okMarked++;
      if (expected === 'id' && a === 'ms') confusion.plain.idAsMs++;
      if (expected === 'ms' && a === 'id') confusion.plain.msAsId++;
      if (expected === 'id' && b === 'ms') confusion.marked.idAsMs++;
      if (expected === 'ms' && b === 'id') confusion.marked.msAsId++;
    }
    const n = sentences.length;
    total.n += n;
    total.plain += okPlain;
    total.marked += okMarked;
    rows.push({
      ...base,
      language: expected,
      metric: 'accuracy',
      value: okMarked / n,
      baseline: okPlain / n,
      n,
      note: 'lid.176 + id/ms markers; baseline = lid.176 alone',
    });
  }
  if (total.n === 0) return rows;
  rows.push({
    ...base,
    language: 'all',
    metric: 'accuracy',
    value: total.marked / total.n,
    baseline: total.plain / total.n,
    n: total.n,
    note: 'lid.176 + id/ms markers; baseline = lid.176 alone',
  });
  const nId = readSib200(dataDir, 'ind_Latn')?.length ?? 0;
  const nMs = readSib200(dataDir, 'zsm_Latn')?.length ?? 0;
  rows.push(
    { ...base, language: 'id', metric: 'id→ms errors', value: confusion.marked.idAsMs, baseline: confusion.plain.idAsMs, n: nId, note: 'count; baseline = without markers' },
    { ...base, language: 'ms', metric: 'ms→id errors', value: confusion.marked.msAsId, baseline: confusion.plain.msAsId, n: nMs, note: 'count; baseline = without markers' },
  );
  // Everyday Indonesian (reviews, social posts; lower-cased and tokenised in SmSA): the Malay markers
  // must not pull it towards Malay.
  for (const [dataset, texts] of [
    ['smsa-test', readSmsa(dataDir)?.map((e) => e.text)],
    ['nusax-test', readNusax(dataDir, 'indonesian')?.map((e) => e.text)],
  ] as const) {
    if (!texts) continue;
    const asId = (lid: typeof plain) => texts.filter((t) => lid.identify(t).language === 'id').length / texts.length;
    const asMs = texts.filter((t) => marked.identify(t).language === 'ms').length;
    rows.push({
      task: 'language-id',
      dataset,
      language: 'id',
      metric: 'accuracy',
      value: asId(marked),
      baseline: asId(plain),
      n: texts.length,
      note: `all texts Indonesian; ${asMs} called Malay; baseline = lid.176 alone`,
    });
  }
  return rows;
}

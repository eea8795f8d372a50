import { createLanguageIdentifier, type LanguageIdentifier } from '../src/language/index.ts';
import { readNusax, readSmsa } from './sentiment.ts';
import { isHeldOut, readSib200Rows, SIB200_LANGUAGES, SIB200_REGIONAL } from './sib200.ts';
import type { EvalRow } from './types.ts';

const HELD_OUT = 'held-out third of the file (FLORES id divisible by 3); the rest trained the regional model';

/**
 * Language-ID accuracy on the held-out third of the SIB-200 sentences (8 languages and the six
 * regional languages of Indonesia), per language and overall, against the identifier without the
 * regional model (lid.176 + id/ms markers, the method before it), plus the id↔ms confusion counts
 * and the Indonesian-only sets. Returns [] when the data is absent.
 */
export async function evaluateLanguage(dataDir: string): Promise<EvalRow[]> {
  const before = await createLanguageIdentifier({ regional: false });
  const now = await createLanguageIdentifier();
  const rows: EvalRow[] = [];
  const total = { n: 0, before: 0, now: 0 };
  const confusion = { before: { idAsMs: 0, msAsId: 0 }, now: { idAsMs: 0, msAsId: 0 } };
  const sizes: Record<string, number> = {};

  for (const [file, expected] of Object.entries(SIB200_LANGUAGES)) {
    const sentences = readSib200Rows(dataDir, 'sib200', file)?.filter((r) => isHeldOut(r.indexId));
    if (!sentences) continue;
    let okBefore = 0;
    let okNow = 0;
    for (const { text } of sentences) {
      const a = before.identify(text).language;
      const b = now.identify(text).language;
      if (a === expected) okBefore++;
      if (b === expected) okNow++;
      if (expected === 'id' && a === 'ms') confusion.before.idAsMs++;
      if (expected === 'ms' && a === 'id') confusion.before.msAsId++;
      if (expected === 'id' && b === 'ms') confusion.now.idAsMs++;
      if (expected === 'ms' && b === 'id') confusion.now.msAsId++;
    }
    const n = sentences.length;
    sizes[expected] = n;
    total.n += n;
    total.before += okBefore;
    total.now += okNow;
    rows.push({ task: 'language-id', dataset: 'sib200', language: expected, metric: 'accuracy', value: okNow / n, baseline: okBefore / n, n, note: `baseline = lid.176 + id/ms markers (no regional model); ${HELD_OUT}` });
  }
  if (total.n > 0) {
    rows.push(
      { task: 'language-id', dataset: 'sib200', language: 'all', metric: 'accuracy', value: total.now / total.n, baseline: total.before / total.n, n: total.n, note: 'baseline = without the regional model; held-out third' },
      { task: 'language-id', dataset: 'sib200', language: 'id', metric: 'id→ms errors', value: confusion.now.idAsMs, baseline: confusion.before.idAsMs, n: sizes.id ?? 0, note: 'count; baseline = without the regional model' },
      { task: 'language-id', dataset: 'sib200', language: 'ms', metric: 'ms→id errors', value: confusion.now.msAsId, baseline: confusion.before.msAsId, n: sizes.ms ?? 0, note: 'count; baseline = without the regional model' },
    );
  }
  rows.push(...regionalRows(dataDir, before, now));
  // Everyday Indonesian (reviews, social posts; lower-cased and tokenised in SmSA), never learnt
  // from: neither the Malay markers nor the regional model may pull it away from Indonesian.
  for (const [dataset, texts] of [
    ['smsa-test', readSmsa(dataDir)?.map((e) => e.text)],
    ['nusax-test', readNusax(dataDir, 'indonesian')?.map((e) => e.text)],
  ] as const) {
    if (!texts) continue;
    const asId = (lid: LanguageIdentifier) => texts.filter((t) => lid.identify(t).language === 'id').length / texts.length;
    const others = new Map<string, number>();
    for (const t of texts) {
      const got = now.identify(t).language;
      if (got !== 'id') others.set(got, (others.get(got) ?? 0) + 1);
    }
    const called = [...others].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${c} ${l}`).join(', ');
    rows.push({ task: 'language-id', dataset, language: 'id', metric: 'accuracy', value: asId(now), baseline: asId(before), n: texts.length, note: `all texts Indonesian; otherwise called: ${called || 'none'}; baseline = without the regional model` });
  }
  return rows;
}

const NOT_IN_LID = new Set(['ban', 'ace', 'bjn']);

/** Accuracy per regional language; for those lid.176 lacks, also how often they are called Indonesian. */
function regionalRows(dataDir: string, before: LanguageIdentifier, now: LanguageIdentifier): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const [file, expected] of Object.entries(SIB200_REGIONAL)) {
    const sentences = readSib200Rows(dataDir, 'sib200-regional', file)?.filter((r) => isHeldOut(r.indexId));
    if (!sentences?.length) continue;
    const n = sentences.length;
    const tally = (lid: LanguageIdentifier) => {
      const got = sentences.map((s) => lid.identify(s.text).language);
      return { ok: got.filter((g) => g === expected).length / n, asId: got.filter((g) => g === 'id').length / n, und: got.filter((g) => g === 'und').length };
    };
    const a = tally(before);
    const b = tally(now);
    const base = { task: 'language-id', dataset: 'sib200-regional', language: expected, n };
    rows.push({ ...base, metric: 'accuracy', value: b.ok, baseline: a.ok, note: `${b.und} undetermined (before: ${a.und}); baseline = without the regional model; ${HELD_OUT}` });
    if (NOT_IN_LID.has(expected)) rows.push({ ...base, metric: 'called Indonesian', value: b.asId, baseline: a.asId, note: 'share of sentences answered "id"; goal ≤ 0.10' });
  }
  return rows;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainSentimentWeights } from '../src/sentiment/train-learnt.ts';
import { learntSentiment, NEUTRAL_BAND, type SentimentLabel, type SentimentMethod, scoreWith } from '../src/sentiment/index.ts';
import type { EvalRow } from './types.ts';

type Example = { text: string; label: SentimentLabel };
type Method = Exclude<SentimentMethod, 'none'>;

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** CSV with a header, double-quoted fields allowed (NusaX); `delimiter` makes it read TSV too. */
export function parseCsv(source: string, delimiter = ','): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function isLabel(s: string): s is SentimentLabel {
  return (LABELS as readonly string[]).includes(s);
}

export function readSmsa(dataDir: string): Example[] | undefined {
  const path = join(dataDir, 'smsa', 'test_preprocess.tsv');
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const tab = line.lastIndexOf('\t');
      const label = line.slice(tab + 1).trim();
      return tab > 0 && isLabel(label) ? [{ text: line.slice(0, tab), label }] : [];
    });
}

export function readNusax(dataDir: string, language: 'indonesian' | 'english'): Example[] | undefined {
  return readNusaxRows(dataDir, language)?.map(({ text, label }) => ({ text, label }));
}

/** NusaX rows with their id (the same id is the same sentence in both languages). */
export function readNusaxRows(dataDir: string, language: 'indonesian' | 'english'): (Example & { id: number })[] | undefined {
  const path = join(dataDir, 'nusax', `${language}_test.csv`);
  if (!existsSync(path)) return undefined;
  return parseCsv(readFileSync(path, 'utf8')).flatMap((r) => (r.text && r.label && isLabel(r.label) ? [{ id: Number(r.id), text: r.text, label: r.label }] : []));
}

/** Macro-F1 over the three labels and accuracy. */
export function scoreLabels(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): { macroF1: number; accuracy: number } {
  let correct = 0;
  const f1s = LABELS.map((l) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === l && p === l) tp++;
      else if (p === l) fp++;
      else if (g === l) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  gold.forEach((g, i) => {
    if (g === predicted[i]) correct++;
  });
  return { macroF1: f1s.reduce((a, b) => a + b, 0) / LABELS.length, accuracy: gold.length ? correct / gold.length : 0 };
}

const toLabel = (score: number, band: number): SentimentLabel => (score > band ? 'positive' : score < -band ? 'negative' : 'neutral');

function tuneBand(scores: number[], gold: SentimentLabel[]): number {
  let best = { band: 0, f1: -1 };
  for (let band = 0; band <= 0.6001; band += 0.01) {
    const { macroF1 } = scoreLabels(gold, scores.map((s) => toLabel(s, band)));
    if (macroF1 > best.f1 + 1e-9) best = { band: Math.round(band * 100) / 100, f1: macroF1 };
  }
  return best.band;
}

function majority(labels: readonly SentimentLabel[]): SentimentLabel {
  const counts = LABELS.map((l) => labels.filter((x) => x === l).length);
  return LABELS[counts.indexOf(Math.max(...counts))]!;
}

/**
 * Only the test splits are in shared/data, so the neutral band is cross-fitted: the examples are
 * split in two folds (alternating), each fold is labelled with the band tuned on the other fold,
 * and the figures are over all examples. No example is labelled with a band it helped choose.
 * The majority class of the baseline is taken from the other fold in the same way.
 */
function crossFitted(examples: Example[], method: Method): { pred: SentimentLabel[]; base: SentimentLabel[]; bands: number[]; fixed: SentimentLabel[] } {
  const scores = examples.map((e) => scoreWith(method, e.text));
  const gold = examples.map((e) => e.label);
  const folds = [0, 1].map((f) => examples.map((_, i) => i).filter((i) => i % 2 === f));
  const pred: SentimentLabel[] = new Array(examples.length);
  const base: SentimentLabel[] = new Array(examples.length);
  const bands: number[] = [];
  for (const [f, fold] of folds.entries()) {
    const other = folds[1 - f]!;
    const band = tuneBand(
      other.map((i) => scores[i]!),
      other.map((i) => gold[i]!),
    );
    bands.push(band);
    const maj = majority(other.map((i) => gold[i]!));
    for (const i of fold) {
      pred[i] = toLabel(scores[i]!, band);
      base[i] = maj;
    }
  }
  return { pred, base, bands, fixed: scores.map((s) => toLabel(s, NEUTRAL_BAND[method])) };
}

function rowsFor(dataset: string, language: string, examples: Example[], method: Method): EvalRow[] {
  const gold = examples.map((e) => e.label);
  const { pred, base, bands, fixed } = crossFitted(examples, method);
  const model = scoreLabels(gold, pred);
  const baseline = scoreLabels(gold, base);
  const atDefault = scoreLabels(gold, fixed);
  const note = `${method}; neutral band tuned per fold ${bands.join('/')} (cross-fitted); at the shipped band ${NEUTRAL_BAND[method]}: macro-F1 ${atDefault.macroF1.toFixed(3)}`;
  return [
    { task: 'sentiment', dataset, language, metric: 'macro-F1', value: model.macroF1, baseline: baseline.macroF1, n: examples.length, note },
    { task: 'sentiment', dataset, language, metric: 'accuracy', value: model.accuracy, baseline: baseline.accuracy, n: examples.length, note: method },
  ];
}

type Row = Example & { id: number };

/**
 * The learnt method cross-fitted on NusaX: the ids are split by parity, and each half is labelled
 * by weights learnt from the other half only (the shipped weights learnt from all of it).
 */
function crossFittedLearnt(language: 'en' | 'id', rows: Row[]): Map<number, SentimentLabel> {
  const out = new Map<number, SentimentLabel>();
  for (const parity of [0, 1]) {
    const weights = trainSentimentWeights(language, rows.filter((r) => r.id % 2 !== parity));
    for (const r of rows) if (r.id % 2 === parity) out.set(r.id, learntSentiment(r.text, language, weights).label);
  }
  return out;
}

const SHIPPED_BEFORE = { en: 'afinn', id: 'id-lexicon' } as const;

/** The learnt methods against the lexicons, and how often English and Indonesian agree on the same NusaX id. */
function learntRows(en: Row[], id: Row[], smsa: Example[] | undefined): EvalRow[] {
  const rows: EvalRow[] = [];
  const labels = { en: crossFittedLearnt('en', en), id: crossFittedLearnt('id', id) };
  for (const [language, data] of [
    ['id', id],
    ['en', en],
  ] as const) {
    const gold = data.map((r) => r.label);
    const now = scoreLabels(gold, data.map((r) => labels[language].get(r.id)!));
    const before = scoreLabels(gold, crossFitted(data, SHIPPED_BEFORE[language]).pred);
    const note = `lexicon + learnt word weights, cross-fitted (each half of the ids labelled by weights learnt from the other); baseline = ${SHIPPED_BEFORE[language]} with cross-fitted band`;
    rows.push(
      { task: 'sentiment', dataset: 'nusax-test', language, metric: 'macro-F1 (learnt)', value: now.macroF1, baseline: before.macroF1, n: data.length, note },
      { task: 'sentiment', dataset: 'nusax-test', language, metric: 'accuracy (learnt)', value: now.accuracy, baseline: before.accuracy, n: data.length, note: 'as above' },
    );
  }
  const english = new Map(en.map((r) => [r.id, r]));
  const pairs = id.filter((r) => english.has(r.id));
  const agreeNow = pairs.filter((r) => labels.id.get(r.id) === labels.en.get(r.id)).length;
  const lexiconLabel = (method: Method, text: string) => toLabel(scoreWith(method, text), NEUTRAL_BAND[method]);
  const agreeBefore = pairs.filter((r) => lexiconLabel('id-lexicon', r.text) === lexiconLabel('afinn', english.get(r.id)!.text)).length;
  rows.push({
    task: 'sentiment',
    dataset: 'nusax-parallel',
    language: 'en-id',
    metric: 'en-id agreement',
    value: agreeNow / pairs.length,
    baseline: agreeBefore / pairs.length,
    n: pairs.length,
    note: 'same label for the English and the Indonesian sentence of one id; cross-fitted; baseline = afinn and id-lexicon at their shipped bands',
  });
  if (smsa) {
    // SmSA was never learnt from: the shipped Indonesian weights (all of NusaX) on another dataset.
    const gold = smsa.map((e) => e.label);
    const now = scoreLabels(gold, smsa.map((e) => learntSentiment(e.text, 'id').label));
    const before = scoreLabels(gold, crossFitted(smsa, 'id-lexicon').pred);
    rows.push({ task: 'sentiment', dataset: 'smsa-test', language: 'id', metric: 'macro-F1 (learnt)', value: now.macroF1, baseline: before.macroF1, n: smsa.length, note: 'shipped weights (learnt from NusaX only); baseline = id-lexicon with cross-fitted band' });
  }
  return rows;
}

/** Sentiment on SmSA (id) and NusaX (id, en) against a majority-class baseline; [] when the data is absent. */
export async function evaluateSentiment(dataDir: string): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const smsa = readSmsa(dataDir);
  if (smsa) rows.push(...rowsFor('smsa-test', 'id', smsa, 'id-lexicon'));
  const nusaxId = readNusax(dataDir, 'indonesian');
  if (nusaxId) rows.push(...rowsFor('nusax-test', 'id', nusaxId, 'id-lexicon'));
  const nusaxEn = readNusax(dataDir, 'english');
  if (nusaxEn) {
    rows.push(...rowsFor('nusax-test', 'en', nusaxEn, 'vader'));
    rows.push(...rowsFor('nusax-test', 'en', nusaxEn, 'afinn'));
  }
  const en = readNusaxRows(dataDir, 'english');
  const id = readNusaxRows(dataDir, 'indonesian');
  if (en && id) rows.push(...learntRows(en, id, smsa));
  return rows;
}

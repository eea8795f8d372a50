import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyTopics, DEFAULT_TAXONOMY, trainTopicModel } from '../src/topics/index.ts';
import type { EvalRow } from './types.ts';

// SIB-200 categories that correspond to a seed topic. "politics" → diplomacy is loose (FLORES
// politics sentences are about elections and leaders as much as foreign affairs). travel, sports,
// entertainment and geography have no seed topic and are excluded from the scores.
const SIB_TO_TOPIC: Readonly<Record<string, string>> = {
  health: 'health',
  'science/technology': 'technology-cyber',
  politics: 'diplomacy-cooperation',
};

type Sentence = { category: string; text: string };

function readSib(dataDir: string, file: string): Sentence[] | undefined {
  const path = join(dataDir, 'sib200', `${file}.tsv`);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const [, category, ...rest] = line.split('\t');
      return category && rest.length ? [{ category, text: rest.join('\t') }] : [];
    });
}

function macroF1(gold: string[], pred: string[], classes: string[]): number {
  const f1 = classes.map((c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (g === c && pred[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (g === c) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1.reduce((a, b) => a + b, 0) / classes.length;
}

function accuracy(gold: string[], pred: string[]): number {
  return gold.length ? gold.filter((g, i) => g === pred[i]).length / gold.length : 0;
}

function evaluateLanguage(sentences: Sentence[], language: string): EvalRow[] {
  const mapped = sentences.filter((s) => SIB_TO_TOPIC[s.category]);
  const excluded = sentences.filter((s) => !SIB_TO_TOPIC[s.category]);
  const gold = mapped.map((s) => SIB_TO_TOPIC[s.category]!);
  const classes = [...new Set(Object.values(SIB_TO_TOPIC))];
  const counts = classes.map((c) => gold.filter((g) => g === c).length);
  const majorityClass = classes[counts.indexOf(Math.max(...counts))]!;
  const base = gold.map(() => majorityClass);
  // The model is bootstrapped from all 204 sentences *without their labels*, as it would be from
  // the ministry's own stream: transductive, but the gold labels never reach it.
  const model = trainTopicModel(
    DEFAULT_TAXONOMY,
    sentences.map((s) => s.text),
    { language },
  );
  const rows: EvalRow[] = [];
  for (const [variant, opts] of [
    ['keywords', { language }],
    ['keywords+NB', { language, model }],
  ] as const) {
    const pred = mapped.map((s) => classifyTopics(s.text, DEFAULT_TAXONOMY, opts)[0]?.id ?? 'none');
    const tagged = excluded.filter((s) => classifyTopics(s.text, DEFAULT_TAXONOMY, opts).length > 0).length;
    const note = `${variant}; classes health, science/technology→technology-cyber, politics→diplomacy-cooperation; no topic = wrong; ${tagged}/${excluded.length} excluded sentences got some topic`;
    rows.push(
      { task: 'topics', dataset: 'sib200-test', language, metric: 'top-1 accuracy', value: accuracy(gold, pred), baseline: accuracy(gold, base), n: mapped.length, note },
      { task: 'topics', dataset: 'sib200-test', language, metric: 'macro-F1', value: macroF1(gold, pred, classes), baseline: macroF1(gold, base, classes), n: mapped.length, note: variant },
    );
  }
  return rows;
}

/** Topic top-1 accuracy and macro-F1 on the SIB-200 categories that map to seed topics; [] when absent. */
export async function evaluateTopics(dataDir: string): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const [file, language] of [
    ['eng_Latn', 'en'],
    ['ind_Latn', 'id'],
  ] as const) {
    const sentences = readSib(dataDir, file);
    if (sentences) rows.push(...evaluateLanguage(sentences, language));
  }
  return rows;
}

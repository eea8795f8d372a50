// A small logistic regression on top of the lexicons: the lexicon's positive and negative parts
// plus the words of the text. Learnt from NusaX's parallel English/Indonesian sentences (the same
// labels in both languages), so that the two analysers agree on the same story; see
// README-sentiment-model.md and scripts/build-sentiment-model.ts.
import type { SentimentLabel } from './types.ts';

export const LEARNT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Weights of one language: per feature, one weight per label of LEARNT_LABELS. */
export type LearntWeights = Record<string, [number, number, number]>;

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** Features that are not words start with '__' (a word never does). */
export const BIAS = '__bias';
export const LEXICON_POSITIVE = '__lexicon+';
export const LEXICON_NEGATIVE = '__lexicon-';

/** The text's features: each distinct lower-cased word once, the lexicon score split by sign, a bias. */
export function learntFeatures(text: string, lexiconScore: number): Map<string, number> {
  const f = new Map<string, number>();
  for (const w of text.toLowerCase().match(WORD) ?? []) f.set(w.replace(/’/g, "'"), 1);
  f.set(LEXICON_POSITIVE, Math.max(0, lexiconScore));
  f.set(LEXICON_NEGATIVE, Math.max(0, -lexiconScore));
  f.set(BIAS, 1);
  return f;
}

/**
 * P(label) from the text's lower-cased words (as learntFeatures splits them), the same as
 * learntProbabilities(weights, learntFeatures(…)) without building the feature map: the worker
 * runs it on every item.
 */
export function learntProbabilitiesOf(weights: Readonly<LearntWeights>, words: readonly string[], lexiconScore: number): [number, number, number] {
  const z = [0, 0, 0];
  const add = (name: string, value: number) => {
    if (!Object.hasOwn(weights, name)) return;
    const w = weights[name]!;
    z[0]! += w[0] * value;
    z[1]! += w[1] * value;
    z[2]! += w[2] * value;
  };
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    add(w, 1);
  }
  add(LEXICON_POSITIVE, Math.max(0, lexiconScore));
  add(LEXICON_NEGATIVE, Math.max(0, -lexiconScore));
  add(BIAS, 1);
  const max = Math.max(z[0]!, z[1]!, z[2]!);
  const e0 = Math.exp(z[0]! - max);
  const e1 = Math.exp(z[1]! - max);
  const e2 = Math.exp(z[2]! - max);
  const sum = e0 + e1 + e2;
  return [e0 / sum, e1 / sum, e2 / sum];
}

/** P(label) for negative, neutral, positive. */
export function learntProbabilities(weights: Readonly<LearntWeights>, features: Map<string, number>): [number, number, number] {
  const z = [0, 0, 0];
  for (const [name, value] of features) {
    if (!Object.hasOwn(weights, name)) continue;
    const w = weights[name]!;
    for (let c = 0; c < 3; c++) z[c]! += w[c]! * value;
  }
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e[0]! + e[1]! + e[2]!;
  return [e[0]! / sum, e[1]! / sum, e[2]! / sum];
}

/**
 * Multinomial logistic regression by full-batch gradient descent. Few epochs on purpose: with a
 * few hundred sentences, stopping early is the regulariser that generalised best on held-out halves.
 */
export function trainLearnt(examples: readonly { features: Map<string, number>; label: SentimentLabel }[], options: { epochs?: number; rate?: number; l2?: number } = {}): LearntWeights {
  const epochs = options.epochs ?? 100;
  const rate = options.rate ?? 0.5;
  const l2 = options.l2 ?? 0.001;
  const weights = new Map<string, [number, number, number]>();
  for (const ex of examples) for (const name of ex.features.keys()) if (!weights.has(name)) weights.set(name, [0, 0, 0]);
  const plain = Object.fromEntries(weights) as LearntWeights;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Map<string, [number, number, number]>();
    for (const ex of examples) {
      const p = learntProbabilities(plain, ex.features);
      const y = LEARNT_LABELS.indexOf(ex.label);
      for (const [name, value] of ex.features) {
        let g = grad.get(name);
        if (!g) {
          g = [0, 0, 0];
          grad.set(name, g);
        }
        for (let c = 0; c < 3; c++) g[c]! += (p[c]! - (c === y ? 1 : 0)) * value;
      }
    }
    for (const [name, g] of grad) {
      const w = plain[name]!;
      for (let c = 0; c < 3; c++) w[c]! -= rate * (g[c]! / examples.length + l2 * w[c]!);
    }
  }
  // Rounded, and words whose weights all stay near 0 dropped: the file stays small.
  const out: LearntWeights = {};
  for (const name of Object.keys(plain).sort()) {
    const w = plain[name]!.map((v) => Math.round(v * 1000) / 1000) as [number, number, number];
    if (name.startsWith('__') || w.some((v) => Math.abs(v) >= 0.01)) out[name] = w;
  }
  return out;
}

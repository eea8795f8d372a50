import { keywordHitsAll, keywordScore, type Taxonomy, type Token, type TopicScore, topicTokens } from './taxonomy.ts';

/**
 * A multinomial naive Bayes model learnt from keyword-bootstrapped texts: every training text
 * whose keywords point at a topic becomes an example of that topic, texts with no keyword hit
 * become examples of "other". It learns which *other* words travel with each topic's keywords
 * in the ministry's own stream, so a text can score without naming a keyword. It learns nothing
 * that the keywords did not first label; retrain it after editing the taxonomy.
 */
export type TopicModel = {
  language: string;
  classes: string[]; // topic ids, then OTHER
  docCounts: number[];
  wordCounts: Map<string, number[]>;
  totals: number[];
  vocabularySize: number;
};

const OTHER = '__other__';
// Short function words carry no topic; leaving them in lets "other" win on length alone.
const MIN_FEATURE_LENGTH = 3;

function features(tokens: Token[]): string[] {
  return tokens.map((t) => t.folded).filter((w) => w.length >= MIN_FEATURE_LENGTH);
}

/**
 * Train a topic model for one language from unlabelled texts, using the taxonomy's keywords as
 * labels; or, when `labels` is given (topic ids per text, [] for none of them), from those labels.
 */
export function trainTopicModel(taxonomy: Taxonomy, texts: readonly string[], options: { language: string; labels?: readonly (readonly string[])[] }): TopicModel {
  const classes = [...taxonomy.map((t) => t.id), OTHER];
  const docCounts = classes.map(() => 0);
  const totals = classes.map(() => 0);
  const wordCounts = new Map<string, number[]>();
  for (const [n, text] of texts.entries()) {
    const tokens = topicTokens(text);
    const given = options.labels?.[n];
    const labelled = given
      ? given.flatMap((id) => {
          const i = taxonomy.findIndex((t) => t.id === id);
          return i >= 0 ? [i] : [];
        })
      : keywordHitsAll(tokens, taxonomy, options.language).flatMap((h, i) => (h > 0 ? [i] : []));
    const targets = labelled.length > 0 ? labelled : [classes.length - 1];
    const feats = features(tokens);
    for (const c of targets) {
      docCounts[c]! += 1;
      totals[c]! += feats.length;
      for (const f of feats) {
        let row = wordCounts.get(f);
        if (!row) {
          row = classes.map(() => 0);
          wordCounts.set(f, row);
        }
        row[c]! += 1;
      }
    }
  }
  return { language: options.language, classes, docCounts, wordCounts, totals, vocabularySize: wordCounts.size };
}

/** Posterior P(topic | text) per topic id under the model (Laplace smoothing). */
function posteriors(model: TopicModel, tokens: Token[]): Map<string, number> {
  const nDocs = model.docCounts.reduce((a, b) => a + b, 0);
  const feats = features(tokens).filter((f) => model.wordCounts.has(f));
  const logp = model.classes.map((_, c) => {
    const docs = model.docCounts[c]!;
    if (docs === 0) return Number.NEGATIVE_INFINITY;
    let lp = Math.log(docs / nDocs);
    const denom = model.totals[c]! + model.vocabularySize;
    for (const f of feats) lp += Math.log((model.wordCounts.get(f)![c]! + 1) / denom);
    return lp;
  });
  const max = Math.max(...logp);
  const exps = logp.map((l) => (Number.isFinite(l) ? Math.exp(l - max) : 0));
  const sum = exps.reduce((a, b) => a + b, 0) || 1;
  return new Map(model.classes.map((c, i) => [c, exps[i]! / sum]));
}

export type ClassifyOptions = {
  language: string;
  /** a model from trainTopicModel for the same taxonomy and language; keywords only without it */
  model?: TopicModel;
  /** topics scoring below this are left out (default 0.2) */
  minScore?: number;
};

/**
 * Topics of a text with scores 0…1, best first, several at once (multi-label). Keyword evidence
 * and, when a model is given, its posterior are combined as a noisy-or, so each can raise a topic
 * and neither alone reaches 1.
 * @example classifyTopics('Vaccine exports to ASEAN', DEFAULT_TAXONOMY, { language: 'en' })
 */
export function classifyTopics(text: string, taxonomy: Taxonomy, options: ClassifyOptions): TopicScore[] {
  const tokens = topicTokens(text);
  const model = options.model && options.model.language === options.language ? options.model : undefined;
  const post = model ? posteriors(model, tokens) : undefined;
  const minScore = options.minScore ?? 0.2;
  const out: TopicScore[] = [];
  const hits = keywordHitsAll(tokens, taxonomy, options.language);
  for (const [t, topic] of taxonomy.entries()) {
    const kw = keywordScore(hits[t]!);
    const nb = post?.get(topic.id) ?? 0;
    const score = 1 - (1 - kw) * (1 - 0.8 * nb);
    if (score >= minScore) out.push({ id: topic.id, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

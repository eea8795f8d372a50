// Learning the weights of learnt.ts for one language: used by scripts/build-sentiment-model.ts and
// by the evaluation's cross-fitting; never at run time.
import { type LearntWeights, learntFeatures, trainLearnt } from './learnt.ts';
import { afinnScore, indonesianScore } from './sentiment.ts';
import type { SentimentLabel } from './types.ts';

const LEXICON_SCORE = { en: afinnScore, id: indonesianScore } as const;

/** Weights for one language learnt from labelled texts. */
export function trainSentimentWeights(language: 'en' | 'id', examples: readonly { text: string; label: SentimentLabel }[]): LearntWeights {
  return trainLearnt(examples.map((e) => ({ features: learntFeatures(e.text, LEXICON_SCORE[language](e.text)), label: e.label })));
}

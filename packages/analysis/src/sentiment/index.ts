export {
  afinnScore,
  learntSentiment,
  indonesianScore,
  NEUTRAL_BAND,
  SENTIMENT_METHODS,
  type SentimentLabel,
  type SentimentMethod,
  type SentimentResult,
  scoreWith,
  sentiment,
  vaderScore,
} from './sentiment.ts';

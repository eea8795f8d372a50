export type SentimentLabel = 'negative' | 'neutral' | 'positive';

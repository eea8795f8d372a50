export * from './mean-interval.ts';

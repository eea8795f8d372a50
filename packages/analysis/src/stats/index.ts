export * from './mean-interval.ts';
export * from './seeded-random.ts';

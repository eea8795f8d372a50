// The listening domain's only door. This session: the item model, analysis on ingest, the
// idempotent store and the search query; sources' scheduling, the stream, routes and pages follow.
export { type Analyser, createAnalyser, type ItemAnalysis } from './analyse-item.ts';
export { ingestBatch, itemsCollected } from './commands/ingest-batch.ts';
export { facetCounts, findSource, insertSource, type ItemQuery, type ItemRow, searchItems, type SourceRow } from './listening.repo.ts';

// The listening domain's only door.
export { type Analyser, createAnalyser, type ItemAnalysis } from './analyse-item.ts';
export { ingestBatch, itemsCollected, storeBatch } from './commands/ingest-batch.ts';
export { createSource } from './commands/manage-sources.ts';
export { listeningJobs } from './listening-jobs.ts';
export { listeningPlugin } from './listening.plugin.ts';
export { facetCounts, findImportSource, findSource, insertSource, type ItemQuery, type ItemRow, searchItems, type SourceRow } from './listening.repo.ts';
export { seedListeningDemo } from './demo-items.ts';

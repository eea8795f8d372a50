// The listening domain's only door.
export { type Analyser, createAnalyser, type ItemAnalysis } from './analyse-item.ts';
export { analyseItems, ingestBatch, itemsCollected, storeAnalysed, storeBatch } from './commands/ingest-batch.ts';
export { createSource } from './commands/manage-sources.ts';
export { listeningJobs } from './listening-jobs.ts';
export { type ManagedIngestStream, openIngestStream, startListeningWorker } from './ingest-runtime.ts';
export type { IngestStream, StreamEntry } from './stream/ingest-stream.ts';
export { createInProcessStream } from './stream/in-process-stream.ts';
export { listeningPlugin } from './listening.plugin.ts';
export { facetSummary, findImportSource, findItemsIn, findSource, insertSource, type ItemQuery, type ItemRow, searchItems, type SourceRow } from './listening.repo.ts';
export { seedListeningDemo } from './demo-items.ts';
export { seedListeningTopics } from './topics/commands/seed-topics.ts';
export { type StoredItem, type StoredItemsHook, storedItems, storedItemsPage } from './stored-items.ts';
export { countItems, type ItemEvent, type ItemFacts, itemFacts, itemFactsPage } from './item-facts.ts';
export { type ItemHighlight, sourceCountries, sourcesInUnits, type TopStory, toneExtremes, topStories } from './item-highlights.ts';
export { itemsReanalysed } from './topics/reapply-topics.job.ts';
export { listeningSealedColumns } from './listening.sealed.ts';
export { type SavedSearchBucket, type SavedSearchRef, savedSearchBuckets, savedSearchesVisibleTo, savedSearchVisibleTo } from './live/saved-search-counts.ts';
export { type ClusterHour, clusterAccountsPerHour } from './live/cluster-growth.ts';

export { exponentialBackoffMs, retryDelayMs } from './backoff.ts';
export { defineEffectJob, type EffectJob, type EffectJobDefinition, type EffectOutcome, type PerformContext, type PrepareContext } from './effect.ts';
export { type EnqueueOptions, enqueueJob } from './enqueue.ts';
export { probeJob } from './probe.job.ts';
export { createJobRegistry, type JobRegistry } from './registry.ts';
export { createJobRunner, type JobOutcome, type JobRunner, type JobRunnerOptions } from './runner.ts';
export { defineJob, type JobContext, type JobDefinition } from './types.ts';

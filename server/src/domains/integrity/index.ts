// The integrity domain's only door.
export { integrityPlugin } from './integrity.plugin.ts';
export { createIntegrityRuntime, type IntegrityRuntime } from './integrity-runtime.ts';
export { integrityJobs } from './integrity-jobs.ts';
export { findingChanged, findingRaised, type RaiseFinding, raiseFinding } from './findings/raise-finding.ts';
export { importClaimReviews } from './claims/import-claims.ts';
export { readClaimReviews } from './claims/claim-review.ts';
export { buildBundle, type BundleInput, sharingPlugin, taxiiPlugin, taxiiPrefix } from './sharing/index.ts';
export { rebuttalTargetOf } from './rebuttals/rebuttal-target.ts';

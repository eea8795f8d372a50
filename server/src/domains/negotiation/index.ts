// The negotiation domain's only door.
export { negotiationPlugin } from './negotiation.plugin.ts';
export { negotiationJobs } from './negotiation-jobs.ts';
export { negotiationSealedColumns } from './negotiation.sealed.ts';
export { meetingChanged } from './negotiation-events.ts';

// The publishing engine's only door (part of the statements domain).
import type { JobDefinition } from '../../../platform/jobs/index.ts';
import type { PublishingDeps } from './publishing.effects.ts';
import { publishingJobs } from './publishing.jobs.ts';

export { publishingPlugin } from './publishing.plugin.ts';
export type { PublishingPluginOptions } from './publishing.routes.ts';
export type { PublishingDeps } from './publishing.effects.ts';
export { publishingJobs } from './publishing.jobs.ts';
export {
  cancelPendingPublications,
  disconnectAccount,
  listChannelAccounts,
  listPublications,
  type PublicationItem,
  schedulePublications,
  storeAccount,
  withdrawPublications,
} from './publishing.commands.ts';
export type { ChannelAccountView, PublicationView } from './publishing.presenter.ts';

/** Adds the publishing jobs to a list of definitions for `createJobRegistry`; returns the list. */
export function registerPublishingJobs(definitions: JobDefinition[], deps: PublishingDeps): JobDefinition[] {
  definitions.push(...publishingJobs(deps));
  return definitions;
}

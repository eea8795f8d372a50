// The ActivityPub face of the statements desk. The lead mounts the plugin in app.ts.
export { federationPlugin, type FederationPluginOptions } from './federation.plugin.ts';
export { createDbKvStore } from './kv-store.ts';
export { createDbMessageQueue, type DbMessageQueue, type DbMessageQueueOptions } from './message-queue.ts';

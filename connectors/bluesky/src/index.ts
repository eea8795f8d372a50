import { defineConnector } from '@diplodesk/connector-sdk';
import { createBlueskyChannel } from './bluesky-channel.ts';
import { createBlueskySource } from './bluesky-source.ts';

export { createBlueskyChannel, normalisePdsUrl, parseAtUri } from './bluesky-channel.ts';
export { createBlueskySource, DEFAULT_APPVIEW_URL, DEFAULT_JETSTREAM_URL, jetstreamEventToItem, matchesFilters } from './bluesky-source.ts';
export type { BlueskySourceOptions } from './bluesky-source.ts';
export { isValidTid, tidFromKey, tidTimestampMicros } from './tid.ts';

export default defineConnector(
  {
    id: 'bluesky',
    name: 'Bluesky',
    capabilities: ['publish', 'ingest'],
    auth: 'app-password',
    env: [
      { key: 'BLUESKY_PDS_URL', required: false, description: 'PDS used when the connect form leaves it empty (default https://bsky.social)' },
      { key: 'BLUESKY_JETSTREAM_URL', required: false, description: 'Jetstream subscribe endpoint for listening (default wss://jetstream2.us-east.bsky.network/subscribe)' },
      { key: 'BLUESKY_APPVIEW_URL', required: false, description: 'AppView for search-mode listening sources (default https://public.api.bsky.app)' },
      { key: 'BLUESKY_REQUEST_TIMEOUT_MS', required: false, description: 'How long to wait for the PDS before an outcome counts as unknown (default 30000)' },
    ],
    docsUrl: 'https://docs.bsky.app/docs/advanced-guides/posts',
  },
  { publish: (env, { outbound }) => createBlueskyChannel(env, outbound), ingest: (env, { outbound }) => createBlueskySource(env, outbound) },
);

import { defineConnector } from '@diplodesk/connector-sdk';
import { createBlueskyChannel } from './bluesky-channel.ts';

export { createBlueskyChannel, normalisePdsUrl, parseAtUri } from './bluesky-channel.ts';
export { isValidTid, tidFromKey, tidTimestampMicros } from './tid.ts';

export default defineConnector(
  {
    id: 'bluesky',
    name: 'Bluesky',
    capabilities: ['publish'],
    auth: 'app-password',
    env: [
      { key: 'BLUESKY_PDS_URL', required: false, description: 'PDS used when the connect form leaves it empty (default https://bsky.social)' },
      { key: 'BLUESKY_REQUEST_TIMEOUT_MS', required: false, description: 'How long to wait for the PDS before an outcome counts as unknown (default 30000)' },
    ],
    docsUrl: 'https://docs.bsky.app/docs/advanced-guides/posts',
  },
  { publish: (env) => createBlueskyChannel(env) },
);

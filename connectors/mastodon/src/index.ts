import { defineConnector } from '@diplodesk/connector-sdk';
import { createMastodonChannel } from './mastodon-channel.ts';
import { createMastodonSource } from './mastodon-source.ts';

export { createMastodonChannel, normaliseInstanceUrl } from './mastodon-channel.ts';
export { compareStatusIds, createMastodonSource, statusToItem } from './mastodon-source.ts';
export type { MastodonSourceOptions } from './mastodon-source.ts';
export { statusHtmlToText } from './status-text.ts';

export default defineConnector(
  {
    id: 'mastodon',
    name: 'Mastodon',
    capabilities: ['publish', 'ingest'],
    // A per-account access token from the instance's Settings → Development, entered in a form.
    auth: 'app-password',
    env: [
      { key: 'MASTODON_INSTANCE_URL', required: false, description: 'Instance used when the connect form leaves the URL empty (e.g. https://mastodon.social)' },
      { key: 'MASTODON_REQUEST_TIMEOUT_MS', required: false, description: 'How long to wait for the instance before an outcome counts as unknown (default 30000)' },
    ],
    docsUrl: 'https://docs.joinmastodon.org/client/token/',
  },
  { publish: (env, { outbound }) => createMastodonChannel(env, outbound), ingest: (env, { outbound }) => createMastodonSource(env, outbound) },
);

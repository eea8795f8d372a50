// X (formerly Twitter): publishing through API v2 with OAuth 2.0 Authorization Code + PKCE, and
// listening through recent search.
import { defineConnector } from '@diplodesk/connector-sdk';
import { createXChannel } from './x-channel.ts';
import { createXSearchSource } from './x-search-source.ts';

export { createXChannel, X_SCOPES } from './x-channel.ts';
export { createXSearchSource, decodeXSearchCursor, X_SEARCH_MAX_PAGES } from './x-search-source.ts';
export type { XSearchBatch, XSearchCursor, XSearchSource } from './x-search-source.ts';

export default defineConnector(
  {
    id: 'x',
    name: 'X',
    capabilities: ['publish', 'ingest'],
    auth: 'oauth2-pkce',
    env: [
      { key: 'X_CLIENT_ID', required: true, secret: false, capability: 'publish', description: 'OAuth 2.0 client id of the ministry’s X app (developer portal, User authentication settings)' },
      { key: 'X_CLIENT_SECRET', required: false, secret: true, capability: 'publish', description: 'Client secret when the app is a confidential client; the token call then uses HTTP Basic' },
      { key: 'X_BEARER_TOKEN', required: false, secret: true, capability: 'ingest', description: 'App-only bearer token for recent search (listening); a source may bring its own token instead' },
      { key: 'X_API_BASE_URL', required: false, secret: false, description: 'API base URL (default https://api.x.com); tests point it at the fake' },
      { key: 'X_AUTHORIZE_URL', required: false, capability: 'publish', secret: false, description: 'Authorize page (default https://x.com/i/oauth2/authorize)' },
    ],
    docsUrl: 'https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code',
  },
  { publish: (env, { outbound }) => createXChannel(env, outbound), ingest: (env, { outbound }) => createXSearchSource(env, outbound) },
);

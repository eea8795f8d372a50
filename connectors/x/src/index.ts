// X (formerly Twitter): publishing through API v2 with OAuth 2.0 Authorization Code + PKCE.
import { defineConnector } from '@diplodesk/connector-sdk';
import { createXChannel } from './x-channel.ts';

export { createXChannel, X_SCOPES } from './x-channel.ts';

export default defineConnector(
  {
    id: 'x',
    name: 'X',
    capabilities: ['publish'],
    auth: 'oauth2-pkce',
    env: [
      { key: 'X_CLIENT_ID', required: true, secret: false, description: 'OAuth 2.0 client id of the ministry’s X app (developer portal, User authentication settings)' },
      { key: 'X_CLIENT_SECRET', required: false, secret: true, description: 'Client secret when the app is a confidential client; the token call then uses HTTP Basic' },
      { key: 'X_API_BASE_URL', required: false, secret: false, description: 'API base URL (default https://api.x.com); tests point it at the fake' },
      { key: 'X_AUTHORIZE_URL', required: false, secret: false, description: 'Authorize page (default https://x.com/i/oauth2/authorize)' },
    ],
    docsUrl: 'https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code',
  },
  { publish: (env) => createXChannel(env) },
);

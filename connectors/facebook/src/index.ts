// Facebook Pages: publishing through the Graph API with a Page access token from Facebook Login.
import { defineConnector } from '@diplodesk/connector-sdk';
import { createFacebookChannel, GRAPH_VERSION } from './facebook-channel.ts';

export { createFacebookChannel, FACEBOOK_SCOPES, GRAPH_VERSION } from './facebook-channel.ts';
export { graphError, usageFromHeaders } from './graph-http.ts';

export default defineConnector(
  {
    id: 'facebook',
    name: 'Facebook Pages',
    capabilities: ['publish'],
    // Facebook Login is an OAuth 2.0 code flow protected by `state` and the app secret (no PKCE for Page tokens).
    auth: 'oauth2',
    env: [
      { key: 'FACEBOOK_APP_ID', required: true, secret: false, description: 'App id of the ministry’s Meta app (Facebook Login for Business, pages_manage_posts approved in App Review)' },
      { key: 'FACEBOOK_APP_SECRET', required: true, secret: true, description: 'App secret, used on the code exchange' },
      { key: 'FACEBOOK_GRAPH_BASE_URL', required: false, secret: false, description: `Graph base URL with version (default https://graph.facebook.com/${GRAPH_VERSION})` },
      { key: 'FACEBOOK_DIALOG_URL', required: false, secret: false, description: `Login dialog (default https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth)` },
      { key: 'FACEBOOK_PAGE_ID', required: false, secret: false, description: 'Which Page to connect when the user manages several (default: the first they can post to)' },
    ],
    docsUrl: 'https://developers.facebook.com/docs/pages-api/posts',
  },
  { publish: (env, { outbound }) => createFacebookChannel(env, outbound) },
);

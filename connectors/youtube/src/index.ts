import { defineConnector } from '@diplodesk/connector-sdk';
import { createYoutubeChannel } from './youtube-channel.ts';
import { createYoutubeCommentsSource } from './youtube-comments-source.ts';

export { createYoutubeChannel, keyTag, videoTitle, YOUTUBE_SCOPES } from './youtube-channel.ts';
export { createYoutubeCommentsSource, decodeYoutubeCommentsCursor, YOUTUBE_COMMENTS_MAX_PAGES } from './youtube-comments-source.ts';
export type { YoutubeCommentsBatch, YoutubeCommentsCursor, YoutubeCommentsSource } from './youtube-comments-source.ts';
export { msUntilPacificMidnight } from './youtube-http.ts';

export default defineConnector(
  {
    id: 'youtube',
    name: 'YouTube',
    capabilities: ['publish', 'ingest'],
    auth: 'oauth2-pkce',
    env: [
      { key: 'YOUTUBE_CLIENT_ID', capability: 'publish', required: true, description: 'OAuth client id of the Google Cloud project with the YouTube Data API v3 enabled' },
      { key: 'YOUTUBE_CLIENT_SECRET', capability: 'publish', required: true, secret: true, description: 'OAuth client secret of that project' },
      { key: 'YOUTUBE_PRIVACY_STATUS', capability: 'publish', required: false, description: 'public (default), unlisted or private; unaudited projects are forced to private by YouTube' },
      { key: 'YOUTUBE_API_KEY', capability: 'ingest', required: false, secret: true, description: 'API key of the same project, for reading comments of a channel that is not connected with OAuth' },
      { key: 'YOUTUBE_API_BASE_URL', required: false, description: 'Data API base (default https://www.googleapis.com)' },
      { key: 'YOUTUBE_UPLOAD_BASE_URL', capability: 'publish', required: false, description: 'Upload API base (default https://www.googleapis.com)' },
      { key: 'YOUTUBE_AUTHORIZE_URL', capability: 'publish', required: false, description: 'Default https://accounts.google.com/o/oauth2/v2/auth' },
      { key: 'YOUTUBE_TOKEN_URL', capability: 'publish', required: false, description: 'Default https://oauth2.googleapis.com/token' },
      { key: 'YOUTUBE_REQUEST_TIMEOUT_MS', required: false, description: 'How long to wait for Google before an upload outcome counts as unknown (default 30000, plus time for the upload size)' },
    ],
    docsUrl: 'https://developers.google.com/youtube/v3/guides/uploading_a_video',
  },
  { publish: (env, { outbound }) => createYoutubeChannel(env, outbound), ingest: (env, { outbound }) => createYoutubeCommentsSource(env, outbound) },
);

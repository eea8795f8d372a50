// Capability interfaces a connector implements. Types only: the outbox, token storage and
// scheduling live in the server; a connector is a stateless adapter handed credentials per call.
import type { MeasureOptions, TextChannel } from './limits/measure-text.ts';

/** Opaque per-account credentials a connector issued; the server stores them encrypted and never shows them. */
export interface Credentials {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; the server refreshes ahead of this. */
  expiresAt?: number;
  /** Platform-specific extras (Mastodon instance URL, Bluesky PDS and DID, Telegram chat id). */
  extra?: Record<string, string>;
}

/** The platform account a credential set acts as. */
export interface AccountRef {
  remoteAccountId: string;
  handle: string;
  displayName?: string;
  url?: string;
}

/** How a user connects an account: a redirect for OAuth 2.0 PKCE, or a form for app passwords and bot tokens. */
export type ConnectStart =
  | { kind: 'redirect'; authorizeUrl: string; state: string; codeVerifier: string }
  | { kind: 'form'; fields: { name: string; label: string; secret: boolean }[] };

/** What the user brings back: the OAuth callback, or the filled-in form. */
export type ConnectFinish =
  | { kind: 'redirect'; code: string; state: string; codeVerifier: string; redirectUri: string }
  | { kind: 'form'; values: Record<string, string> };

/** A file already in DiploDesk storage, passed by reference so connectors stream it. */
export interface MediaRef {
  storageKey: string;
  mimeType: string;
  byteSize: number;
  sha256: string;
  altText?: string;
}

export interface PublishRequest {
  /**
   * Stable for every attempt of one (statement, channel) publication. Sent as Mastodon's
   * Idempotency-Key, used to derive Bluesky's record key, and matched by `findRecentPosts`
   * where the platform has no guard of its own.
   */
  idempotencyKey: string;
  text: string;
  media: MediaRef[];
  /** Remote id of the post to reply to (X: the statement link goes in a reply). */
  replyTo?: string;
  /** BCP 47 language tag, passed where the platform takes one (Mastodon `language`, Bluesky `langs`). */
  language?: string;
  /** A separate title where the platform has one (YouTube: `text` is then the description). */
  title?: string;
  /** Streams a media file's bytes from DiploDesk storage. */
  openMedia?: (media: MediaRef) => AsyncIterable<Uint8Array>;
  /**
   * Durable progress across attempts of this publication, for platforms whose duplicate guard is a
   * server-side session (YouTube's resumable upload URI): `saved` is what the previous attempt
   * stored, `save` persists a new value before the connector relies on it.
   */
  checkpoint?: { saved: string | null; save(value: string): Promise<void> };
}

export interface PublishedPost {
  remoteId: string;
  url: string;
}

export type PublishStatus = 'published' | 'not-found' | 'pending';

/** A post seen on the account, for reconciling an unknown outcome. */
export interface RecentPost extends PublishedPost {
  text: string;
  createdAt: string;
  /** Remote id of the post this one replies to, where the platform reports it (X: `referenced_tweets`). */
  inReplyTo?: string;
}

/** The platform's current budget for this account, read from response headers. */
export interface RateLimitState {
  remaining: number | null;
  limit: number | null;
  /** Epoch ms when the window resets. */
  resetAt: number | null;
}

/** Publishing to one platform account. Every method may throw {@link ConnectorError}. */
export interface PublishChannel {
  /** Which counting rule the Statements editor applies to this channel's variants. */
  readonly textChannel: TextChannel;
  /** Starts connecting an account (builds the PKCE authorize URL, or describes the credential form). */
  startConnect(input: { redirectUri: string; unitId: string }): Promise<ConnectStart>;
  /** Finishes connecting: exchanges the code or checks the credentials, and names the account. */
  finishConnect(input: ConnectFinish): Promise<{ credentials: Credentials; account: AccountRef }>;
  /** Returns fresh credentials; must never return an empty refresh token in place of a valid one. */
  refreshToken(credentials: Credentials): Promise<Credentials>;
  /**
   * Publishes once. Throws `unknown-outcome` when the request may have landed; the caller then
   * reconciles with {@link checkStatus} or {@link findRecentPosts} instead of calling again.
   */
  publish(credentials: Credentials, request: PublishRequest): Promise<PublishedPost>;
  /** Read-only: what became of a post, by its remote id or, where the platform allows, by idempotency key. */
  checkStatus(credentials: Credentials, ref: { remoteId: string } | { idempotencyKey: string }): Promise<PublishStatus>;
  /** Read-only: the account's posts since a time, to find an unconfirmed publication by its text. */
  findRecentPosts(credentials: Credentials, since: Date): Promise<RecentPost[]>;
  /** Deletes a post where the platform allows it; a post already gone is success. */
  withdraw(credentials: Credentials, remoteId: string): Promise<void>;
  /** Per-account limit inputs (e.g. the Mastodon instance's max_characters) for `measureText`. */
  limits(credentials: Credentials): Promise<MeasureOptions>;
  /** The last rate-limit headers seen for this account, or null before the first call. */
  rateLimitState(credentials: Credentials): RateLimitState | null;
}

/** One item read from a source (a mention, a reply, an article). */
export interface IngestItem {
  remoteId: string;
  url?: string;
  author?: AccountRef;
  text: string;
  language?: string;
  publishedAt: string;
  raw?: unknown;
}

export interface IngestBatch {
  items: IngestItem[];
  /** Opaque; pass back to resume exactly after the last item. */
  nextCursor: string | null;
  /** The source has more ready now (a file half read, a backlog being caught up): poll again at once. */
  more?: boolean;
}

export interface SourceHealth {
  status: 'ok' | 'degraded' | 'down';
  detail?: string;
  checkedAt: string;
}

/** Reading from a platform or feed for the listening desk. */
export interface IngestSource {
  /** Fetches the items after `cursor` (null: start from now). */
  poll(credentials: Credentials | null, cursor: string | null): Promise<IngestBatch>;
  /** Optional push mode; yields batches until the signal aborts. */
  stream?(credentials: Credentials | null, cursor: string | null, signal: AbortSignal): AsyncIterable<IngestBatch>;
  health(credentials: Credentials | null): Promise<SourceHealth>;
}

/** Uploading media ahead of a post, for platforms with a separate media step. */
export interface MediaProvider {
  /** Uploads and returns the platform media id; `pending` while the platform still processes it. */
  upload(credentials: Credentials, media: MediaRef, read: () => AsyncIterable<Uint8Array>): Promise<{ mediaId: string; state: 'ready' | 'pending' }>;
  /** Read-only: processing state of an uploaded media item. */
  mediaStatus(credentials: Credentials, mediaId: string): Promise<'ready' | 'pending' | 'failed'>;
}

/** Signing users in with an external identity (OIDC, or a platform login). */
export interface IdentityProvider {
  /** Builds the authorize URL (PKCE) for a sign-in. */
  startSignIn(input: { redirectUri: string }): Promise<{ authorizeUrl: string; state: string; codeVerifier: string }>;
  /** Completes the sign-in and returns the verified external identity. */
  finishSignIn(input: { code: string; state: string; codeVerifier: string; redirectUri: string }): Promise<{
    subject: string;
    email?: string;
    emailVerified?: boolean;
    displayName?: string;
  }>;
}

// The shape every local fake platform server shares, so the connector contract suite, the
// server's publishing tests, the crash test and the benchmark drive all six fakes the same way.
import type { Credentials } from '../capabilities.ts';

/** One post as the fake platform stored it: the ground truth for "exactly once". */
export interface FakeLedgerEntry {
  remoteId: string;
  /** The account (fake user id, page id, channel id, DID, chat id) it was posted to. */
  accountId: string;
  text: string;
  /** The platform's own idempotency token where it has one (Mastodon header, Bluesky rkey, YouTube upload session). */
  idempotencyKey?: string;
  replyTo?: string;
  mediaCount: number;
  createdAt: string;
  deleted: boolean;
}

/**
 * A fault the next matching request meets.
 * - `rate-limit`: 429 with the platform's rate-limit headers; nothing stored.
 * - `server-error`: 5xx before anything is stored.
 * - `drop-after-commit`: the post is stored, then the socket is destroyed before a response is sent
 *   (the outcome is unknown to the caller).
 * - `timeout-after-commit`: the post is stored and the response is withheld for `ms` (default 30 s).
 * - `auth-expired`: the platform's "token expired/invalid" answer; nothing stored.
 * - `reject`: the platform's validation error (e.g. duplicate/too long); nothing stored.
 */
export type FakeFault =
  | { kind: 'rate-limit'; resetInSeconds?: number }
  | { kind: 'server-error' }
  | { kind: 'drop-after-commit' }
  | { kind: 'timeout-after-commit'; ms?: number }
  | { kind: 'auth-expired' }
  | { kind: 'reject' };

export interface FakePlatformOptions {
  /** 0 (default) picks a free port on 127.0.0.1. */
  port?: number;
  /** Delay added before every response, ms (default 0). The benchmark uses 100. */
  latencyMs?: number;
}

export interface FakePlatform {
  /** Connector id: `x`, `facebook`, `youtube`, `mastodon`, `bluesky`, `telegram`. */
  readonly platform: string;
  /** http://127.0.0.1:PORT — what the connector is pointed at instead of the real API. */
  readonly baseUrl: string;
  /**
   * Environment the connector factory needs to talk to this fake (base URL overrides, client id and
   * secret of the fake app). Merged into the server's env in tests.
   */
  readonly env: Record<string, string>;
  /** Everything posted, in order, including deleted posts (flagged). */
  ledger(): FakeLedgerEntry[];
  /** Valid credentials for a fresh account on the fake, as `finishConnect` would return them. */
  issueCredentials(): Promise<Credentials>;
  /** The values a user would type in the connect form (app-password / bot-token platforms), or null for OAuth ones. */
  connectFormValues(): Record<string, string> | null;
  /** Queues a fault for the next publishing request (post/upload), FIFO. */
  failNext(fault: FakeFault): void;
  setLatency(ms: number): void;
  /** Expires every issued access token (refresh tokens stay valid). */
  expireAccessTokens(): void;
  /** Clears the ledger, queued faults and rate-limit counters. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a fake; each connector package exports one as `startFake` from `./fake`. */
export type StartFake = (options?: FakePlatformOptions) => Promise<FakePlatform>;

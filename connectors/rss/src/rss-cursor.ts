// The cursor a feed source hands back: validators for the next conditional GET and fingerprints of
// recently seen entries. Feeds have no "since" parameter and re-serve old entries on every change,
// so what was already emitted can only be known by remembering it.
import { createHash } from 'node:crypto';

/** Fingerprints kept; at least the entries of the last fetch are always kept, so a long feed never re-emits. */
export const SEEN_LIMIT = 500;

export interface RssCursor {
  v: 1;
  etag?: string;
  lastModified?: string;
  /** Short hashes of remote ids, newest first. */
  seen: string[];
  /** ISO time of the last successful fetch (200 or 304). */
  lastSuccessAt?: string;
  /** The address permanent redirects pointed to, for the source settings to adopt. */
  movedTo?: string;
}

/** A short stable fingerprint of a remote id (12 bytes of SHA-256, base64url). */
export function fingerprint(remoteId: string): string {
  return createHash('sha256').update(remoteId).digest('base64url').slice(0, 16);
}

/** Reads a cursor string; an unreadable or foreign one counts as none (the feed is read afresh). */
export function decodeCursor(cursor: string | null): RssCursor | null {
  if (cursor === null || cursor === '') return null;
  try {
    const value = JSON.parse(cursor) as Partial<RssCursor>;
    if (value.v !== 1 || !Array.isArray(value.seen)) return null;
    return {
      v: 1,
      seen: value.seen.filter((s): s is string => typeof s === 'string'),
      ...(typeof value.etag === 'string' ? { etag: value.etag } : {}),
      ...(typeof value.lastModified === 'string' ? { lastModified: value.lastModified } : {}),
      ...(typeof value.lastSuccessAt === 'string' ? { lastSuccessAt: value.lastSuccessAt } : {}),
      ...(typeof value.movedTo === 'string' ? { movedTo: value.movedTo } : {}),
    };
  } catch {
    return null;
  }
}

export function encodeCursor(cursor: RssCursor): string {
  return JSON.stringify(cursor);
}

/** Seen fingerprints after a fetch: the current feed's first, then older ones up to the limit. */
export function mergeSeen(current: string[], previous: string[]): string[] {
  const merged = [...new Set([...current, ...previous])];
  return merged.slice(0, Math.max(SEEN_LIMIT, current.length));
}

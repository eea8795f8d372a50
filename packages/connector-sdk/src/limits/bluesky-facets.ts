/** The maximum post length Bluesky's app.bsky.feed.post lexicon allows, in graphemes. */
export const BLUESKY_MAX_GRAPHEMES = 300;

/** A byte range in the UTF-8 encoding of the post text; start inclusive, end exclusive. */
export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

/** A link facet: ready to send as `app.bsky.richtext.facet#link`. */
export interface BlueskyLinkFacet {
  index: ByteSlice;
  features: [{ $type: 'app.bsky.richtext.facet#link'; uri: string }];
}

/**
 * A mention found in the text. Not yet a lexicon facet: `#mention` needs a DID, and resolving
 * the handle to one is network I/O that belongs to the connector (com.atproto.identity.resolveHandle).
 */
export interface BlueskyMentionCandidate {
  index: ByteSlice;
  handle: string;
}

export interface BlueskyFacets {
  links: BlueskyLinkFacet[];
  mentions: BlueskyMentionCandidate[];
}

// Bluesky's server never auto-links: a URL or @handle without a facet renders as plain text, so
// the client must find them. Only explicit http(s) URLs are linked; bare domains ("kemlu.go.id")
// would need a public-suffix list to tell them from sentence fragments.
const URL_RE = /(^|[\s(])(https?:\/\/[^\s]+)/giu;
// A handle is a domain name: labels of [a-z0-9-], at least two of them, TLD starting with a letter.
const MENTION_RE = /(^|[\s(])@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/u;

const utf8 = new TextEncoder();

function byteSlice(text: string, start: number, end: number): ByteSlice {
  // Offsets are UTF-8 bytes, not UTF-16 indices: "Jakarta 🇮🇩 @kemlu.go.id" has the mention at
  // UTF-16 index 13 but byte 17, because the flag is 4 UTF-16 units and 8 UTF-8 bytes.
  const byteStart = utf8.encode(text.slice(0, start)).length;
  return { byteStart, byteEnd: byteStart + utf8.encode(text.slice(start, end)).length };
}

function trimUrl(url: string): string {
  let trimmed = url.replace(TRAILING_PUNCTUATION, '');
  // A closing parenthesis belongs to the URL only when the URL opened one (Wikipedia-style links).
  if (trimmed.endsWith(')') && !trimmed.includes('(')) trimmed = trimmed.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  return trimmed;
}

/**
 * Finds link facets and mention candidates in a Bluesky post, with UTF-8 byte offsets as the
 * app.bsky.richtext.facet lexicon requires.
 *
 * @example
 * blueskyFacets('Lihat https://kemlu.go.id @kemlu.go.id').links[0].index // { byteStart: 6, byteEnd: 25 }
 */
export function blueskyFacets(text: string): BlueskyFacets {
  const links: BlueskyLinkFacet[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const uri = trimUrl(m[2]!);
    if (!URL.canParse(uri)) continue;
    const start = m.index + m[1]!.length;
    links.push({ index: byteSlice(text, start, start + uri.length), features: [{ $type: 'app.bsky.richtext.facet#link', uri }] });
  }
  const mentions: BlueskyMentionCandidate[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const handle = m[2]!.toLowerCase();
    const start = m.index + m[1]!.length;
    // The byte range covers the "@" too, so the whole visible mention is clickable.
    mentions.push({ index: byteSlice(text, start, start + 1 + m[2]!.length), handle });
  }
  return { links, mentions };
}

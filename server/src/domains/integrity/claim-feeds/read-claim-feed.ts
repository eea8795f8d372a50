// What a polled ClaimReview feed holds. Fact-checkers publish in two ways: a JSON-LD document (what
// the file import reads: a ClaimReview, a list, a @graph, a DataFeed) and, far more often, their
// article pages with the review embedded in `<script type="application/ld+json">` blocks next to
// other structured data (the site's Organization, breadcrumbs …). On a page only ClaimReview nodes
// count; the rest is ignored rather than reported. Unlike a file, a feed is imported entry by entry:
// its reader cannot fix it, so the good reviews go in and the bad ones are listed with why.
import type { ClaimFeedErrorCode } from '@diplodesk/contracts';
import { type ClaimReviewEntry, type ClaimReviewProblem, importProblem, isClaimReviewNode, readEachClaimReview, reviewNodesOf } from '../claims/claim-review.ts';

export type FeedKind = 'json-ld' | 'html';

export type FeedRead =
  | { ok: true; reviews: number; entries: ClaimReviewEntry[]; problems: ClaimReviewProblem[] }
  | { ok: false; code: ClaimFeedErrorCode; detail: string | null; problems: ClaimReviewProblem[] };

const jsonTypes = /^application\/(ld\+json|json|[\w.+-]+\+json)$/;
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/** The kind of document a Content-Type names; a missing or `text/plain` type is told by the first character. Null: neither. */
export function feedKindOf(contentType: string | null, text: string): FeedKind | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (jsonTypes.test(type)) return 'json-ld';
  if (htmlTypes.has(type)) return 'html';
  if (type === '' || type === 'text/plain' || type === 'application/octet-stream') {
    const first = text.trimStart()[0];
    if (first === '{' || first === '[') return 'json-ld';
    if (first === '<') return 'html';
  }
  return null;
}

const scriptBlock = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const ldJsonType = /\btype\s*=\s*(["']?)\s*application\/ld\+json\s*\1/i;

/** The JSON texts of a page's ld+json script blocks, in order (comment and CDATA wrappers removed). */
export function ldJsonBlocks(html: string): string[] {
  const blocks: string[] = [];
  for (const match of html.matchAll(scriptBlock)) {
    if (!ldJsonType.test(match[1] ?? '')) continue;
    const text = (match[2] ?? '')
      .trim()
      .replace(/^<!--|-->$/g, '')
      .replace(/^\s*(\/\/\s*)?<!\[CDATA\[|(\/\/\s*)?\]\]>\s*$/g, '')
      .trim();
    if (text) blocks.push(text);
  }
  return blocks;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The entries read, or why nothing could be: a feed whose every entry is bad is a failed poll, not an empty one. */
function outcome(nodes: unknown[], extra: ClaimReviewProblem[]): FeedRead {
  const { entries, problems } = readEachClaimReview(nodes);
  const all = [...extra, ...problems];
  if (entries.length === 0) return { ok: false, code: 'no-claim-review', detail: all[0]?.reason ?? null, problems: all };
  return { ok: true, reviews: nodes.length, entries, problems: all };
}

/** A JSON-LD document's reviews, every node that is not one reported as a problem (as the file import does). */
function readJsonLd(text: string): FeedRead {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, code: 'not-json', detail: null, problems: [] };
  const nodes = reviewNodesOf(parsed.value);
  if (!nodes || nodes.length === 0) return { ok: false, code: 'no-claim-review', detail: null, problems: [] };
  return outcome(nodes, []);
}

/** A page's embedded ClaimReviews; a review without its own `url` is the page itself (the fact-check article). */
function readHtml(text: string, pageUrl: string): FeedRead {
  const nodes: unknown[] = [];
  const problems: ClaimReviewProblem[] = [];
  ldJsonBlocks(text).forEach((block, n) => {
    const parsed = parseJson(block);
    if (!parsed.ok) {
      problems.push(importProblem(-1, 'script-not-json', { block: n + 1 }));
      return;
    }
    for (const node of reviewNodesOf(parsed.value) ?? []) {
      if (!isClaimReviewNode(node)) continue;
      nodes.push(node.url === undefined ? { ...node, url: pageUrl } : node);
    }
  });
  if (nodes.length === 0) return { ok: false, code: 'no-claim-review', detail: problems[0]?.reason ?? null, problems };
  return outcome(nodes, problems);
}

/**
 * Reads a fetched feed: its kind from the Content-Type (or its first character), then its reviews.
 *
 * @example
 * readClaimFeed('{"@type":"ClaimReview", …}', 'application/ld+json', 'https://checker.example/feed')
 */
export function readClaimFeed(text: string, contentType: string | null, url: string): FeedRead {
  const kind = feedKindOf(contentType, text);
  if (kind === null) return { ok: false, code: 'content-type', detail: (contentType ?? '').split(';')[0]?.trim() || null, problems: [] };
  return kind === 'json-ld' ? readJsonLd(text) : readHtml(text, url);
}

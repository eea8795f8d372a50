// schema.org ClaimReview JSON-LD in and out. A file holds one ClaimReview, an array of them, a
// `@graph`, or a DataFeed (Google's Fact Check feed: dataFeedElement → DataFeedItem → item). Our
// EUvsDisinfo-style fields travel in schema.org terms, so an export imports back unchanged:
// summary = `description`, disproof = `reviewBody`, outlets = `itemReviewed.appearance` entries with
// a publisher and no URL, target countries = `itemReviewed.spatialCoverage` (Country by ISO code),
// translations = `itemReviewed.workTranslation` (Claim with `inLanguage` and `text`), the narrative
// = `isPartOf` (CreativeWorkSeries by name).
import { type ClaimImportProblem, type ClaimImportProblemCode, createClaimRequest } from '@diplodesk/contracts';
import type { z } from 'zod';

export type ClaimReviewEntry = { index: number; claim: Omit<z.output<typeof createClaimRequest>, 'unitId' | 'narrativeId'>; narrativeName: string | null };
export type ClaimReviewProblem = ClaimImportProblem;

/** A problem with its code and parameters, and the English sentence API clients read. */
export function importProblem(index: number, code: ClaimImportProblemCode, params: Record<string, string | number> = {}): ClaimReviewProblem {
  const reasons: Record<ClaimImportProblemCode, string> = {
    'not-json': 'not JSON',
    'script-not-json': `script block ${params.block} is not JSON`,
    'no-reviews': 'the file holds no ClaimReview (expected a ClaimReview, an array, a @graph or a DataFeed)',
    'too-many-reviews': `the file holds ${params.count} reviews; at most ${params.max} may be imported at once`,
    'not-an-object': 'not an object',
    'not-a-claim-review': `not a ClaimReview (@type ${params.types})`,
    'claim-missing': 'claimReviewed is missing',
    'rating-missing': 'reviewRating.alternateName is missing',
    'invalid-field': `${params.field}: ${params.message}`,
  };
  return { index, code, params, reason: reasons[code] };
}

/** At most this many reviews in one file. */
export const maxReviewsPerFile = 5000;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** `ClaimReview`, `schema:ClaimReview` and `https://schema.org/ClaimReview` are one type. */
function typesOf(node: Node): string[] {
  return list(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^(https?:\/\/schema\.org\/|schema:)/, ''));
}

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
};
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
/** A name from a Thing, a string or a list of either (the first). */
const nameOf = (v: unknown): string | null => {
  for (const x of list(v)) {
    const s = isNode(x) ? str(x.name) : str(x);
    if (s) return s;
  }
  return null;
};
const languageOf = (v: unknown): string | null => {
  const first = list(v)[0];
  return isNode(first) ? str(first.alternateName) ?? str(first.name) : str(first);
};

/** The reviews of a file, in order; `null` when the file's shape holds no list of reviews at all. */
function entriesOf(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (!isNode(doc)) return null;
  if (Array.isArray(doc['@graph'])) return (doc['@graph'] as unknown[]).filter((n) => !isNode(n) || typesOf(n).includes('ClaimReview') || typesOf(n).includes('DataFeed')).flatMap((n) => (isNode(n) && typesOf(n).includes('DataFeed') ? (entriesOf(n) ?? []) : [n]));
  if (typesOf(doc).includes('DataFeed')) {
    return list(doc.dataFeedElement).flatMap((el) => (isNode(el) && typesOf(el).includes('DataFeedItem') ? list(el.item) : [el]));
  }
  return [doc];
}

/** One review as a claim, or why it cannot be one. */
function readReview(node: unknown, index: number): ClaimReviewEntry | ClaimReviewProblem {
  if (!isNode(node)) return importProblem(index, 'not-an-object');
  const types = typesOf(node);
  if (!types.includes('ClaimReview')) return importProblem(index, 'not-a-claim-review', { types: types.join(', ') || 'missing' });
  const rating = list(node.reviewRating).find(isNode);
  const item = list(node.itemReviewed).find(isNode) ?? {};
  const appearances = [...list(item.appearance), ...list(item.firstAppearance)];
  const appearanceUrls: string[] = [];
  const outlets: string[] = [];
  for (const a of appearances) {
    const url = isNode(a) ? str(a.url) : str(a);
    if (url) appearanceUrls.push(url);
    else if (isNode(a)) {
      const outlet = nameOf(a.publisher) ?? nameOf(a.author) ?? str(a.name);
      if (outlet) outlets.push(outlet);
    }
  }
  const countries = list(item.spatialCoverage).map((c) => (isNode(c) ? str(c.identifier) ?? str(c.name) : str(c))).filter((c): c is string => c !== null);
  const translations = list(item.workTranslation)
    .filter(isNode)
    .map((t) => ({ language: languageOf(t.inLanguage) ?? '', text: str(t.text) ?? str(t.name) ?? '' }));
  const candidate = {
    unitId: '00000000-0000-7000-8000-000000000000',
    claimReviewed: str(node.claimReviewed) ?? '',
    headline: str(node.headline) ?? str(node.name),
    language: languageOf(node.inLanguage) ?? 'und',
    itemReviewed: { authorName: nameOf(item.author), datePublished: str(item.datePublished), appearanceUrls: [...new Set(appearanceUrls)] },
    reviewRating: {
      alternateName: (rating && (str(rating.alternateName) ?? str(rating.name))) ?? '',
      ratingValue: rating ? num(rating.ratingValue) : null,
      bestRating: rating ? num(rating.bestRating) : null,
      worstRating: rating ? num(rating.worstRating) : null,
    },
    reviewAuthor: nameOf(node.author),
    url: str(node.url),
    datePublished: str(node.datePublished),
    outlets: [...new Set(outlets)],
    targetCountries: [...new Set(countries)],
    summary: str(node.description),
    disproof: str(node.reviewBody),
    narrativeId: null,
    translations,
  };
  if (!candidate.claimReviewed) return importProblem(index, 'claim-missing');
  if (!candidate.reviewRating.alternateName) return importProblem(index, 'rating-missing');
  const parsed = createClaimRequest.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return importProblem(index, 'invalid-field', { field: issue?.path.join('.') || 'entry', message: issue?.message ?? 'not valid' });
  }
  const { unitId: _unit, narrativeId: _narrative, ...claim } = parsed.data;
  const series = list(node.isPartOf).find(isNode);
  return { index, claim, narrativeName: series ? str(series.name) : null };
}

/** Every review of a file, or every problem: a file with any bad entry is refused whole. */
export function readClaimReviews(doc: unknown): { entries: ClaimReviewEntry[] } | { problems: ClaimReviewProblem[] } {
  const entries = entriesOf(doc);
  if (!entries || entries.length === 0) return { problems: [importProblem(-1, 'no-reviews')] };
  if (entries.length > maxReviewsPerFile) return { problems: [importProblem(-1, 'too-many-reviews', { count: entries.length, max: maxReviewsPerFile })] };
  const read = entries.map(readReview);
  const problems = read.filter((r): r is ClaimReviewProblem => 'code' in r);
  return problems.length > 0 ? { problems } : { entries: read as ClaimReviewEntry[] };
}

export type ExportableClaim = z.output<typeof createClaimRequest> & { narrativeName: string | null };

/** A claim as a schema.org ClaimReview node. */
export function toClaimReview(c: ExportableClaim): Node {
  const rating: Node = { '@type': 'Rating', alternateName: c.reviewRating.alternateName };
  if (c.reviewRating.ratingValue !== null) rating.ratingValue = c.reviewRating.ratingValue;
  if (c.reviewRating.bestRating !== null) rating.bestRating = c.reviewRating.bestRating;
  if (c.reviewRating.worstRating !== null) rating.worstRating = c.reviewRating.worstRating;
  const item: Node = { '@type': 'Claim' };
  if (c.itemReviewed.authorName) item.author = { '@type': 'Thing', name: c.itemReviewed.authorName };
  if (c.itemReviewed.datePublished) item.datePublished = c.itemReviewed.datePublished;
  const appearance = [
    ...c.itemReviewed.appearanceUrls.map((url) => ({ '@type': 'CreativeWork', url })),
    ...c.outlets.map((name) => ({ '@type': 'CreativeWork', publisher: { '@type': 'Organization', name } })),
  ];
  if (appearance.length > 0) item.appearance = appearance;
  if (c.targetCountries.length > 0) item.spatialCoverage = c.targetCountries.map((code) => ({ '@type': 'Country', identifier: code }));
  if (c.translations.length > 0) item.workTranslation = c.translations.map((t) => ({ '@type': 'Claim', inLanguage: t.language, text: t.text }));
  const node: Node = { '@type': 'ClaimReview', claimReviewed: c.claimReviewed, reviewRating: rating, itemReviewed: item };
  if (c.headline) node.headline = c.headline;
  if (c.language !== 'und') node.inLanguage = c.language;
  if (c.reviewAuthor) node.author = { '@type': 'Organization', name: c.reviewAuthor };
  if (c.url) node.url = c.url;
  if (c.datePublished) node.datePublished = c.datePublished;
  if (c.summary) node.description = c.summary;
  if (c.disproof) node.reviewBody = c.disproof;
  if (c.narrativeName) node.isPartOf = { '@type': 'CreativeWorkSeries', name: c.narrativeName };
  return node;
}

/** A JSON-LD document of these claims. */
export function claimReviewDocument(claims: readonly ExportableClaim[]): Node {
  return { '@context': 'https://schema.org', '@graph': claims.map(toClaimReview) };
}

/**
 * Every review of a document read one by one, for a polled feed: the good entries and the bad ones
 * side by side (a feed is not a file its reader can fix, so one bad entry must not hold back the
 * rest).
 */
export function readEachClaimReview(nodes: readonly unknown[], limit = maxReviewsPerFile): { entries: ClaimReviewEntry[]; problems: ClaimReviewProblem[] } {
  const entries: ClaimReviewEntry[] = [];
  const problems: ClaimReviewProblem[] = [];
  nodes.slice(0, limit).forEach((node, index) => {
    const read = readReview(node, index);
    if ('reason' in read) problems.push(read);
    else entries.push(read);
  });
  if (nodes.length > limit) problems.push(importProblem(-1, 'too-many-reviews', { count: nodes.length, max: limit }));
  return { entries, problems };
}

/** The candidate reviews of a JSON-LD document (a ClaimReview, a list, a `@graph` or a DataFeed), or null when its shape holds none. */
export function reviewNodesOf(doc: unknown): unknown[] | null {
  return entriesOf(doc);
}

/** Whether a JSON-LD node is typed ClaimReview (in any of schema.org's spellings). */
export function isClaimReviewNode(node: unknown): node is Record<string, unknown> {
  return isNode(node) && typesOf(node).includes('ClaimReview');
}

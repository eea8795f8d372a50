// schema.org ClaimReview for a rebuttal's newsroom page (ADR 0028). Built only from the signed
// payload, so search engines and fact-check aggregators read exactly what the ministry signed.
import type { NewsroomEntryRow } from './newsroom.tables.ts';

type SignedReview = {
  claim: string;
  rating: { name: string; value: number | null; best: number | null; worst: number | null };
  author: string | null;
  appearances: string[];
  datePublished: string | null;
};

function signedReviewOf(canonical: string): SignedReview | null {
  try {
    const review = (JSON.parse(canonical) as { review?: SignedReview }).review;
    return review && typeof review.claim === 'string' && typeof review.rating?.name === 'string' ? review : null;
  } catch {
    return null;
  }
}

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);

/** The ClaimReview object of an entry, or null when the entry reviews no claim or was withdrawn. */
export function claimReviewOf(entry: Pick<NewsroomEntryRow, 'canonical' | 'language' | 'publishedAt' | 'withdrawnAt'>, opts: { url: string; organisation: string; publicUrl: string }): Record<string, unknown> | null {
  if (entry.withdrawnAt) return null;
  const review = signedReviewOf(entry.canonical);
  if (!review) return null;
  const { rating } = review;
  const appearances = review.appearances.filter(isHttpUrl);
  const itemReviewed: Record<string, unknown> = { '@type': 'Claim' };
  if (review.author) itemReviewed.author = { '@type': 'Person', name: review.author };
  if (appearances.length > 0) itemReviewed.appearance = appearances.map((url) => ({ '@type': 'CreativeWork', url }));
  if (review.datePublished) itemReviewed.datePublished = review.datePublished;
  const reviewRating: Record<string, unknown> = { '@type': 'Rating', alternateName: rating.name };
  if (rating.value !== null) reviewRating.ratingValue = rating.value;
  if (rating.best !== null) reviewRating.bestRating = rating.best;
  if (rating.worst !== null) reviewRating.worstRating = rating.worst;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: opts.url,
    claimReviewed: review.claim,
    itemReviewed,
    reviewRating,
    author: { '@type': 'Organization', name: opts.organisation, url: opts.publicUrl },
    datePublished: entry.publishedAt.toISOString().slice(0, 10),
    inLanguage: entry.language,
  };
}

/**
 * A `<script type="application/ld+json">` element carrying `data`. The JSON is made safe to sit in
 * HTML: `<`, `>` and `&` become `\u003c` … (so neither `</script>` nor `<!--` in a claim's text can
 * end or change the element), as do U+2028/U+2029, which old parsers take for line breaks.
 */
export function jsonLdScript(data: unknown): string {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/ld+json">${json}</script>`;
}

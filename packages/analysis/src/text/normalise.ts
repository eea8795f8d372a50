/** A text with its entities pulled out; `text` still contains them (NFKC, whitespace collapsed). */
export type NormalisedText = {
  text: string;
  urls: string[];
  mentions: string[];
  hashtags: string[];
};

// Trailing punctuation is almost always sentence punctuation, not part of the URL.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'«»“”]+/giu;
const URL_TRAIL_RE = /[.,;:!?)\]}'"»”’]+$/u;
// The look-behind keeps e-mail addresses (`a@b.org`) out; `@user@host.tld` (fediverse) stays whole.
const MENTION_RE = /(?<![\p{L}\p{N}_@])@[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?/gu;
// A hashtag needs one letter, so `#1` or `#2024` in running text is not one.
const HASHTAG_RE = /(?<![\p{L}\p{N}_&#])#[\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*/gu;
// Zero-width space/word-joiner/BOM act as separators; ZWJ/ZWNJ are kept (emoji sequences, Persian, Indic).
const SPACE_RE = /(?:\s|\u200b|\u2060|\ufeff)+/gu;

function collapse(text: string): string {
  return text.replace(SPACE_RE, ' ').trim();
}

function cleanUrl(raw: string): string {
  return raw.replace(URL_TRAIL_RE, '');
}

/**
 * NFKC-normalises a post, collapses whitespace and lists its URLs, @mentions and #hashtags.
 * @example normalise('Lihat https://x.id/a. @kemlu_ri #Diplomasi') // urls ['https://x.id/a'], …
 */
export function normalise(input: string): NormalisedText {
  const text = collapse(input.normalize('NFKC'));
  const urls = [...text.matchAll(URL_RE)].map((m) => cleanUrl(m[0]));
  // Mentions and hashtags are looked for outside URLs (`…/#section`, `…/@user` are URL parts).
  const withoutUrls = text.replace(URL_RE, ' ');
  const mentions = [...withoutUrls.matchAll(MENTION_RE)].map((m) => m[0]);
  const hashtags = [...withoutUrls.matchAll(HASHTAG_RE)].map((m) => m[0]);
  return { text, urls, mentions, hashtags };
}

export type StripOptions = {
  /** Keep the words of hashtags (`#PemiluDamai` → `PemiluDamai`) instead of dropping them. Default false. */
  keepHashtagWords?: boolean;
};

/** The normalised text with URLs, mentions and (by default) hashtags removed: what language ID and shingling read. */
export function stripEntities(input: string, options: StripOptions = {}): string {
  const text = input.normalize('NFKC').replace(URL_RE, ' ').replace(MENTION_RE, ' ');
  const tags = options.keepHashtagWords
    ? text.replace(HASHTAG_RE, (tag) => ` ${tag.slice(1)} `)
    : text.replace(HASHTAG_RE, ' ');
  return collapse(tags);
}

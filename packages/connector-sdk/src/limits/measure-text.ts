import { BLUESKY_MAX_GRAPHEMES } from './bluesky-facets.ts';
import { MASTODON_DEFAULT_CHARS_PER_URL, MASTODON_DEFAULT_MAX_CHARACTERS, mastodonLength } from './mastodon-length.ts';
import { countCodePoints, countUtf8Bytes, overflowIndex, splitGraphemes } from './text-units.ts';
import { allUrls } from './urls.ts';

/** Every text field DiploDesk counts for a channel variant. */
export const TEXT_CHANNELS = ['x', 'bluesky', 'mastodon', 'telegram', 'facebook', 'youtube-title', 'youtube-description'] as const;
export type TextChannel = (typeof TEXT_CHANNELS)[number];

/** What one unit of `used` means, so the UI can explain a counter that disagrees with `text.length`. */
export type TextUnit = 'weighted-chars' | 'graphemes' | 'chars' | 'utf16' | 'utf8-bytes';

export interface MeasureOptions {
  /** Mastodon: the instance's `configuration.statuses.max_characters` (default 500). */
  instanceLimit?: number;
  /** Mastodon: the instance's `configuration.statuses.characters_reserved_per_url` (default 23). */
  charactersReservedPerUrl?: number;
  /** Mastodon: the content warning, which counts against the same limit. */
  spoilerText?: string;
  /** Telegram: the text is a media caption (1,024) rather than a message (4,096). */
  caption?: boolean;
}

export interface TextMeasure {
  used: number;
  limit: number;
  remaining: number;
  over: boolean;
  unit: TextUnit;
  details?: {
    /** UTF-16 index in the input where the text stops fitting, for highlighting the excess. */
    overflowFrom?: number;
    /** Why the platform would refuse the text even within the limit. */
    problems?: string[];
  };
}

// Limits as the platforms document them. Facebook's
// 63,206 is the long-standing Page post limit; Meta publishes no counting rule, so we count code
// points. Telegram counts after entity parsing, so measure the rendered text, not the markup.
const TELEGRAM_TEXT = 4096;
const TELEGRAM_CAPTION = 1024;
const FACEBOOK_POST = 63_206;
const YOUTUBE_TITLE = 100;
// YouTube documents the description limit in bytes: 5,000 Latin characters, but only ~1,666 in
// Japanese or Arabic (3 and 2 bytes each), so an Indonesian description fits where its Arabic
// translation may not.
const YOUTUBE_DESCRIPTION_BYTES = 5000;

function result(used: number, limit: number, unit: TextUnit, overflowFrom?: number, problems?: string[]): TextMeasure {
  const details = { ...(overflowFrom === undefined ? {} : { overflowFrom }), ...(problems?.length ? { problems } : {}) };
  return { used, limit, remaining: limit - used, over: used > limit, unit, ...(Object.keys(details).length ? { details } : {}) };
}

// X's weighting (its published configuration v3): a code point weighs 1 in U+0000–U+10FF,
// U+2000–U+200D, U+2010–U+201F and U+2032–U+2037, otherwise 2; an emoji sequence (ZWJ family,
// flag, skin tone) weighs 2 as a whole; every URL weighs 23 (its t.co length); text is NFC first.
const X_LIMIT = 280;
const X_URL_WEIGHT = 23;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function xCodePointWeight(cp: number): number {
  return cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037) ? 1 : 2;
}

function measureX(input: string): TextMeasure {
  const text = input.normalize('NFC');
  const urls = allUrls(text);
  let used = 0;
  let overflowFrom: number | undefined;
  let index = 0; // UTF-16 index in the NFC text
  const add = (weight: number, at: number) => {
    used += weight;
    if (overflowFrom === undefined && used > X_LIMIT) overflowFrom = at;
  };
  let u = 0;
  for (const grapheme of splitGraphemes(text)) {
    const url = urls[u];
    if (url && index >= url.start) {
      if (index === url.start) add(X_URL_WEIGHT, index);
      index += grapheme.length;
      if (index >= url.end) u++;
      continue;
    }
    if (EMOJI.test(grapheme)) add(2, index);
    else for (const ch of grapheme) add(xCodePointWeight(ch.codePointAt(0) ?? 0), index);
    index += grapheme.length;
  }
  return result(used, X_LIMIT, 'weighted-chars', overflowFrom);
}

function measureYoutube(text: string, limit: number, unit: 'chars' | 'utf8-bytes'): TextMeasure {
  const used = unit === 'chars' ? countCodePoints(text) : countUtf8Bytes(text);
  // The YouTube API rejects "<" and ">" in titles and descriptions whatever the length.
  const problems = /[<>]/.test(text) ? ['YouTube does not allow "<" or ">" in titles and descriptions'] : undefined;
  const weigh = unit === 'chars' ? undefined : countUtf8Bytes;
  return result(used, limit, unit, used > limit ? overflowIndex(Array.from(text), limit, weigh) : undefined, problems);
}

/**
 * Measures a channel variant the way the platform counts it, for live counters and for refusing
 * over-limit variants before submission.
 *
 * @example
 * measureText('x', 'Selamat Hari Kemerdekaan! 🇮🇩 https://kemlu.go.id/siaran-pers/123')
 * // { used: 52, limit: 280, remaining: 228, over: false, unit: 'weighted-chars' }
 */
export function measureText(channel: TextChannel, text: string, opts: MeasureOptions = {}): TextMeasure {
  switch (channel) {
    case 'x':
      return measureX(text);
    case 'bluesky': {
      const graphemes = splitGraphemes(text);
      const used = graphemes.length;
      return result(used, BLUESKY_MAX_GRAPHEMES, 'graphemes', overflowIndex(graphemes, BLUESKY_MAX_GRAPHEMES));
    }
    case 'mastodon': {
      const limit = opts.instanceLimit ?? MASTODON_DEFAULT_MAX_CHARACTERS;
      const charsPerUrl = opts.charactersReservedPerUrl ?? MASTODON_DEFAULT_CHARS_PER_URL;
      const used = mastodonLength(text, { charsPerUrl, ...(opts.spoilerText === undefined ? {} : { spoilerText: opts.spoilerText }) });
      // No overflow index: URL substitution makes positions in the counted text differ from the input.
      return result(used, limit, 'graphemes');
    }
    case 'telegram': {
      // Telegram measures in UTF-16 code units (its entity offsets use the same unit), so an emoji
      // outside the BMP costs 2 — exactly JavaScript's `length`.
      const limit = opts.caption ? TELEGRAM_CAPTION : TELEGRAM_TEXT;
      return result(text.length, limit, 'utf16', text.length > limit ? limit : undefined);
    }
    case 'facebook':
      return result(countCodePoints(text), FACEBOOK_POST, 'chars', overflowIndex(Array.from(text), FACEBOOK_POST));
    case 'youtube-title':
      return measureYoutube(text, YOUTUBE_TITLE, 'chars');
    case 'youtube-description':
      return measureYoutube(text, YOUTUBE_DESCRIPTION_BYTES, 'utf8-bytes');
  }
}

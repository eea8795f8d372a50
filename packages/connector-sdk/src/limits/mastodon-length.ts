import { countGraphemes } from './text-units.ts';
import { schemeUrls } from './urls.ts';

/** Mastodon's stock values (`StatusLengthValidator`); an instance may change both. */
export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
export const MASTODON_DEFAULT_CHARS_PER_URL = 23;

// Remote mentions count only their local part: `@consul@social.example.id` costs 7, because
// Mastodon does not want a long home domain to penalise the author who mentions someone.
const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/@])@([a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)@[\p{L}\p{N}.-]*[\p{L}\p{N}]/giu;

/**
 * Mastodon's countable length: grapheme clusters of content warning + text, where every http(s)
 * URL counts as `charsPerUrl` and a remote mention counts without its domain.
 *
 * Mirrors `StatusLengthValidator#countable_text` (mastodon/mastodon), which counts only URLs with
 * a scheme — so `example.com` is counted literally, while `https://example.com/a/very/long/path`
 * costs 23.
 */
export function mastodonLength(text: string, opts: { spoilerText?: string; charsPerUrl?: number } = {}): number {
  const charsPerUrl = opts.charsPerUrl ?? MASTODON_DEFAULT_CHARS_PER_URL;
  let rewritten = '';
  let last = 0;
  for (const { start, end } of schemeUrls(text)) {
    rewritten += text.slice(last, start) + 'x'.repeat(charsPerUrl);
    last = end;
  }
  rewritten += text.slice(last);
  rewritten = rewritten.replace(REMOTE_MENTION, (_m, before: string, user: string) => `${before}@${user}`);
  return countGraphemes((opts.spoilerText ?? '') + rewritten);
}

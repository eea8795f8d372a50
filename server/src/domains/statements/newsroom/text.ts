import { createHash } from 'node:crypto';

/**
 * The form texts are compared in: Unicode NFC and LF (as the signed canonical form), then
 * paragraphs split on blank lines and every run of whitespace inside one collapsed to a space.
 * Copying a statement from a web page, an e-mail or a PDF changes spacing and line wrapping but
 * not words; those differences must not turn a genuine text into a "modified" one.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of the comparable form: the exact-match lookup key of a pasted text. */
export function contentHash(text: string): string {
  return sha256Hex(comparableText(text));
}

/**
 * The comparable forms a pasted text may take: as is, or without a leading title (first paragraph
 * or first line), since people often copy the heading along with the body.
 */
export function lookupVariants(text: string): { text: string; strippedTitle: string | null }[] {
  const full = comparableText(text);
  const variants: { text: string; strippedTitle: string | null }[] = [{ text: full, strippedTitle: null }];
  const paragraphBreak = full.indexOf('\n\n');
  if (paragraphBreak > 0) variants.push({ text: full.slice(paragraphBreak + 2), strippedTitle: full.slice(0, paragraphBreak) });
  return variants.filter((v) => v.text.length > 0);
}

/** Lower-case words (letters and digits), the unit of similarity and of the diff. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(text: string): Set<string> {
  const w = words(text);
  if (w.length < 3) return new Set(w);
  const result = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) result.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return result;
}

/** Jaccard similarity of word 3-gram sets, 0…1: robust to a few edited words, low for unrelated texts. */
export function similarity(a: string, b: string): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Share of `part`'s word 3-grams found in `whole`, 0…1: high when `part` is an excerpt of `whole`. */
export function containment(part: string, whole: string): number {
  const sp = shingles(part);
  const sw = shingles(whole);
  if (sp.size === 0 || sw.size === 0) return 0;
  let shared = 0;
  for (const s of sp) if (sw.has(s)) shared++;
  return shared / sp.size;
}

/**
 * Up to `limit` distinct words to find candidate entries with full-text search, longest first
 * (long words are rarer, so they narrow the search best). Letters and digits only, so the
 * `to_tsquery` text built from them cannot carry query operators.
 */
export function searchTerms(text: string, limit = 24): string[] {
  const unique = [...new Set(words(text).filter((w) => w.length >= 3))];
  return unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, limit);
}

/**
 * A readable, stable URL slug: the title in lower case, Latin accents dropped, other scripts kept,
 * with a short suffix from the entry id so two statements with the same title never collide.
 */
export function slugify(title: string, entryId: string): string {
  const suffix = entryId.replace(/-/g, '').slice(-8).toLowerCase();
  const base = title
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...base].slice(0, 60).join('').replace(/-+$/, '');
  return cut ? `${cut}-${suffix}` : suffix;
}

const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb', 'ug']);

/** Writing direction of content in a BCP 47 language (Arabic, Hebrew, Persian, Urdu … are right-to-left). */
export function directionOf(language: string): 'rtl' | 'ltr' {
  const primary = language.split('-')[0]?.toLowerCase() ?? '';
  if (language.toLowerCase().includes('-arab') || language.toLowerCase().includes('-hebr')) return 'rtl';
  return rtlLanguages.has(primary) ? 'rtl' : 'ltr';
}

/** Canonical BCP 47 form of a tag from a URL, or null when it is not one. */
export function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

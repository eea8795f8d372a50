// Counting primitives shared by the per-channel rules. JavaScript strings are UTF-16, so
// `text.length` is only right for platforms that themselves count UTF-16 code units.

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8 = new TextEncoder();

/** Splits text into extended grapheme clusters (what a reader sees as one character). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** Counts extended grapheme clusters: a ZWJ family, a flag or "e + combining acute" is one. */
export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of graphemeSegmenter.segment(text)) n++;
  return n;
}

/** Counts Unicode code points (an astral emoji is 1, a ZWJ family is 7). */
export function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Counts UTF-8 bytes, the unit of AT Protocol facets and of some API byte limits. */
export function countUtf8Bytes(text: string): number {
  return utf8.encode(text).length;
}

/** UTF-16 index at which the text stops fitting `limit` units, or undefined when it fits. */
export function overflowIndex(units: readonly string[], limit: number, weigh: (unit: string) => number = () => 1): number | undefined {
  let used = 0;
  let index = 0;
  for (const unit of units) {
    used += weigh(unit);
    if (used > limit) return index;
    index += unit.length;
  }
  return undefined;
}

// Han, Hiragana, Katakana: written without spaces, so a run of them is split into character bigrams
// (the usual index unit for CJK when no segmenter is shipped). Hangul is spaced and stays word-level.
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const RUN_RE = /[\p{L}\p{M}\p{N}]+/gu;
const CJK_SPLIT_RE = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+)/u;

function cjkBigrams(run: string, out: string[]): void {
  const chars = [...run];
  if (chars.length === 1) {
    out.push(run);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
}

/**
 * Lower-cased word tokens: runs of Unicode letters, marks and digits; CJK runs become character bigrams.
 * @example tokens('Presiden RI bertemu 日本首相') // ['presiden', 'ri', 'bertemu', '日本', '本首', '首相']
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUN_RE)) {
    const run = match[0];
    if (!CJK_RE.test(run)) {
      out.push(run);
      continue;
    }
    // A run can mix scripts ("iphone手机"): split it into CJK and non-CJK pieces.
    for (const piece of run.split(CJK_SPLIT_RE)) {
      if (piece === '') continue;
      if (CJK_RE.test(piece)) cjkBigrams(piece, out);
      else out.push(piece);
    }
  }
  return out;
}

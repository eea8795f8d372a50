// Lays a paragraph out for a PDF the way a browser would, as far as a report needs: every character
// in the first font of a chain that has it, lines broken where Unicode allows it (UAX #14, plus word
// boundaries inside Thai and the other scripts written without spaces), and each line put in visual
// order by the Unicode bidirectional algorithm (UAX #9), so Arabic reads right to left inside English
// and English left to right inside Arabic. Shaping (Arabic joining, Indic conjuncts, kerning) is
// fontkit's, the engine pdfkit draws with: a run is handed to it in the order it expects.
import bidiFactory from 'bidi-js';
import LineBreaker from 'linebreak';

/** A font as the layout sees it; sizes are in ems. */
export type Face = {
  /** The name the PDF writer registers the font under. */
  name: string;
  covers(codePoint: number): boolean;
  /** The advance of a run as the shaping engine lays it out. */
  advance(text: string): number;
  ascent: number;
  /** Below the baseline, positive. */
  descent: number;
};

/**
 * Text to draw in one font, from left to right: `text` is what the writer hands to the shaping
 * engine as it is; `rtl` when the engine will reverse it (it must then be shaped whole).
 */
export type Run = { text: string; face: Face; width: number; rtl: boolean };
export type Line = { runs: Run[]; width: number; ascent: number; descent: number };
export type TextLayout = { lines: Line[]; rtl: boolean; truncated: boolean };
export type LayoutOptions = { size: number; width: number; maxLines?: number };

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const words = new Intl.Segmenter('th', { granularity: 'word' });

// fontkit picks a run's direction from its first character of a script other than Common or
// Inherited, and reverses the glyphs of a right-to-left script itself (Script.forString, RTL).
const FIRST_SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const ENGINE_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nko}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;
// Scripts whose words UAX #14 leaves to a dictionary (class SA); Intl.Segmenter carries ICU's.
const NO_SPACES = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
// Emoji no font of ours draws (the PDF would show empty boxes): left out, like other decoration.
// Tested one code point at a time: flags, skin tones and tag sequences go piece by piece.
const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|[\u{e0020}-\u{e007f}]|\ufe0f)$/u;

function engineSeesRtl(text: string): boolean {
  const first = FIRST_SCRIPTED.exec(text);
  return first !== null && ENGINE_RTL.test(first[0]);
}

const reversed = (text: string) => [...text].reverse().join('');

/** Control characters become spaces, and emoji no face covers are dropped (with a space they leave doubled); composed form (NFC). */
function clean(text: string, chain: readonly Face[]): string {
  let out = '';
  let dropped = false;
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    const c = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 ? ' ' : ch;
    if (PICTOGRAPH.test(c) && !chain.some((f) => f.covers(cp))) {
      dropped = true;
      continue;
    }
    if (!(dropped && c === ' ' && (out.endsWith(' ') || out === ''))) out += c;
    if (c !== ' ') dropped = false;
  }
  return out;
}

/**
 * The face of each UTF-16 unit: the first of the chain that has the character, except that a
 * character which is no letter (a space, a digit, punctuation, a combining mark), or a Han character
 * (kanji in Japanese, hanja in Korean), stays in the face of the one before when that face has it,
 * so a word, its marks and the spaces inside a script's run stay one shaped run. None: the first face.
 */
function facesOf(text: string, chain: readonly Face[]): number[] {
  const faces: number[] = [];
  let previous = -1;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const sticky = previous >= 0 && (!/\p{L}/u.test(ch) || /\p{Script=Han}/u.test(ch)) && chain[previous]?.covers(cp);
    let index = sticky ? previous : chain.findIndex((f) => f.covers(cp));
    if (index < 0) index = 0;
    for (let i = 0; i < ch.length; i++) faces.push(index);
    previous = index;
  }
  return faces;
}

/** Positions where a line may start (UAX #14, and word boundaries inside Thai, Lao, Khmer, Myanmar), ascending, ending with the text's length. */
function breakPositions(text: string): number[] {
  const positions = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) positions.add(bk.position);
  for (const run of text.matchAll(NO_SPACES)) {
    for (const word of words.segment(run[0])) if (word.index > 0) positions.add(run.index + word.index);
  }
  positions.add(text.length);
  return [...positions].filter((p) => p > 0).sort((a, b) => a - b);
}

type Measure = (start: number, end: number) => number;

/**
 * The advance of a run shaped word by word (each word with the spaces after it), as pdfkit shapes
 * a left-to-right run: the same widths, and a word shaped once is known again from the face's memo.
 */
export function runAdvance(face: Face, text: string): number {
  let width = 0;
  for (const word of text.match(/[^ \t]*[ \t]*/g) ?? []) if (word) width += face.advance(word);
  return width;
}

function measurer(text: string, faces: readonly number[], chain: readonly Face[], size: number): Measure {
  return (start, end) => {
    let width = 0;
    let from = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || faces[i] !== faces[from]) {
        width += runAdvance(chain[faces[from] ?? 0] as Face, text.slice(from, i)) * size;
        from = i;
      }
    }
    return width;
  };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/u.test(text[e - 1] ?? '')) e--;
  return e;
}

/** Lines as logical ranges [start, end), greedy: as many break opportunities as fit; a piece wider than a line is cut between graphemes. */
function breakLines(text: string, measure: Measure, width: number): [number, number][] {
  const lines: [number, number][] = [];
  let start = 0;
  let end = 0;
  let used = 0;
  let from = 0;
  for (const to of breakPositions(text)) {
    const inkEnd = trimEnd(text, from, to);
    const ink = measure(from, inkEnd);
    const full = ink + measure(inkEnd, to);
    if (end > start && used + ink > width) {
      lines.push([start, end]);
      start = from;
      used = 0;
    }
    if (end === start && ink > width) {
      for (const g of graphemes.segment(text.slice(from, to))) {
        const gs = from + g.index;
        const ge = gs + g.segment.length;
        const w = measure(gs, ge);
        if (gs > start && used + measure(gs, trimEnd(text, gs, ge)) > width) {
          lines.push([start, gs]);
          start = gs;
          used = 0;
        }
        used += w;
      }
    } else used += full;
    end = to;
    from = to;
  }
  if (end > start) lines.push([start, end]);
  return lines;
}

/** One line in visual order: runs of one face and one direction, each as the shaping engine must receive it. */
function visualLine(text: string, levels: ReturnType<typeof bidi.getEmbeddingLevels>, faces: readonly number[], chain: readonly Face[], size: number, start: number, end: number): Line {
  // bidi-js answers with the indices of the whole text, this line's reordered in place.
  const order = bidi.getReorderedIndices(text, levels, start, end - 1).slice(start, end);
  const mirrors = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  const groups: { lo: number; hi: number; face: number; odd: boolean }[] = [];
  let last = -2;
  for (const i of order) {
    const odd = ((levels.levels[i] ?? 0) & 1) === 1;
    const face = faces[i] ?? 0;
    const g = groups.at(-1);
    if (g && g.face === face && g.odd === odd && i === last + (odd ? -1 : 1)) {
      g.lo = Math.min(g.lo, i);
      g.hi = Math.max(g.hi, i);
    } else groups.push({ lo: i, hi: i, face, odd });
    last = i;
  }
  const used = new Set<Face>([chain[0] as Face]);
  const runs = groups.map((g) => {
    let logical = '';
    for (let i = g.lo; i <= g.hi; i++) logical += mirrors.get(i) ?? text[i];
    // Hand the engine the run in logical order when it will reverse it itself, else already turned.
    const runText = engineSeesRtl(logical) === g.odd ? logical : reversed(logical);
    const face = chain[g.face] as Face;
    used.add(face);
    return { text: runText, face, width: runAdvance(face, runText) * size, rtl: engineSeesRtl(runText) };
  });
  return {
    runs,
    width: runs.reduce((w, r) => w + r.width, 0),
    ascent: Math.max(...[...used].map((f) => f.ascent)) * size,
    descent: Math.max(...[...used].map((f) => f.descent)) * size,
  };
}

/**
 * Breaks `text` into lines no wider than `width` points and orders each for drawing from left to right.
 * `rtl` says the paragraph's direction, taken from its first strong character as a browser's
 * `dir="auto"` does: a right-to-left paragraph is aligned to the right. Past `maxLines`, the last
 * line kept ends with an ellipsis.
 * @example layoutText('Talks in الرياض today', regularFaces, { size: 10, width: 400 })
 */
export function layoutText(input: string, chain: readonly Face[], opts: LayoutOptions, direction: 'auto' | 'ltr' | 'rtl' = 'auto'): TextLayout {
  const text = clean(input, chain);
  const levels = bidi.getEmbeddingLevels(text, direction);
  // The low half of a surrogate pair takes its high half's level, so a pair never splits.
  for (let i = 1; i < text.length; i++) if (/[\udc00-\udfff]/.test(text[i] ?? '')) levels.levels[i] = levels.levels[i - 1] ?? 0;
  const rtl = ((levels.paragraphs[0]?.level ?? 0) & 1) === 1;
  const faces = facesOf(text, chain);
  const ranges = breakLines(text, measurer(text, faces, chain, opts.size), opts.width)
    .map(([s, e]) => [s, trimEnd(text, s, e)] as const)
    .filter(([s, e]) => e > s);
  const max = opts.maxLines ?? Number.POSITIVE_INFINITY;
  if (ranges.length > max) return { ...ellipsised(text, ranges[max - 1]?.[1] ?? 0, chain, opts, rtl ? 'rtl' : 'ltr'), truncated: true };
  return { lines: ranges.map(([s, e]) => visualLine(text, levels, faces, chain, opts.size, s, e)), rtl, truncated: false };
}

/** The text up to `cut`, shortened grapheme by grapheme until it and an ellipsis fit in `maxLines`. */
function ellipsised(text: string, cut: number, chain: readonly Face[], opts: LayoutOptions, direction: 'ltr' | 'rtl'): TextLayout {
  const bounds = [...graphemes.segment(text.slice(0, cut))].map((g) => g.index);
  for (let n = bounds.length; n > 0; n--) {
    const attempt = layoutText(`${text.slice(0, bounds[n] ?? cut).trimEnd()}…`, chain, { ...opts, maxLines: undefined }, direction);
    if (attempt.lines.length <= (opts.maxLines ?? 1)) return attempt;
  }
  return layoutText('…', chain, { ...opts, maxLines: undefined }, direction);
}

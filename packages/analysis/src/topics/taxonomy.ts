// Topic taxonomy and the keyword matcher. The taxonomy is data the ministry edits, so nothing
// here knows the seed topics: every function takes the taxonomy it is given.

export type Topic = {
  id: string;
  labels: { en: string; id: string };
  /** language code → keywords; see matchKeyword for the syntax */
  keywords: Record<string, string[]>;
};
export type Taxonomy = Topic[];

export type TopicScore = { id: string; score: number };

export type Token = {
  raw: string;
  folded: string;
  stems?: string[];
  /** Look-up keys, computed once per text and shared by every topic (see keywordHits). */
  lookup?: { language: string; forms: string[]; prefixKeys: string[] };
};

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function topicTokens(text: string): Token[] {
  return (text.match(WORD) ?? []).map((raw) => ({ raw, folded: raw.toLowerCase().replace(/’/g, "'") }));
}

const ID_PREFIXES = ['meng', 'meny', 'mem', 'men', 'me', 'peng', 'peny', 'pem', 'pen', 'per', 'pe', 'ber', 'be', 'ter', 'di', 'ke', 'se'];
const ID_SUFFIXES = ['nya', 'kan', 'an', 'i', 'lah'];

/**
 * Possible roots of an Indonesian word by peeling one prefix and/or one suffix
 * ("pencemaran" ⇒ "cemar", "diperdagangkan" ⇒ "perdagang", "dagang"). Over-generation is
 * harmless here: a candidate only counts when it equals a keyword.
 */
export function indonesianStems(word: string): string[] {
  const out = new Set([word]);
  const unsuffixed = [word];
  for (const s of ID_SUFFIXES) {
    if (word.length > s.length + 3 && word.endsWith(s)) unsuffixed.push(word.slice(0, -s.length));
  }
  for (const w of unsuffixed) {
    out.add(w);
    for (const p of ID_PREFIXES) {
      if (w.length > p.length + 2 && w.startsWith(p)) {
        const rest = w.slice(p.length);
        out.add(rest);
        // me-/pe- drop the root's first consonant: menanam ⇒ tanam, memukul ⇒ pukul, menyapu ⇒ sapu.
        if (p === 'men' || p === 'pen') out.add(`t${rest}`);
        if (p === 'mem' || p === 'pem') out.add(`p${rest}`);
        if (p === 'meny' || p === 'peny') out.add(`s${rest}`);
        if (p === 'meng' || p === 'peng') out.add(`k${rest}`);
        // di-…-per- and ber-…: peel a second prefix once.
        for (const q of ['per', 'ber', 'ke']) if (rest.startsWith(q) && rest.length > q.length + 2) out.add(rest.slice(q.length));
      }
    }
  }
  return [...out];
}

/**
 * Keyword syntax: "word" — the whole word (English also its plural -s/-es; Indonesian also its
 * affixed forms); "pre*" — any word starting with "pre"; "two words" — the phrase; a keyword with
 * a capital letter ("WHO") matches only as written.
 */
function matchesAt(tokens: Token[], i: number, keyword: string | Keyword, language: string): number {
  const { parts, caseSensitive } = typeof keyword === 'string' ? parseKeyword(keyword) : keyword;
  if (i + parts.length > tokens.length) return 0;
  for (let k = 0; k < parts.length; k++) {
    const tok = tokens[i + k]!;
    const word = caseSensitive ? tok.raw : tok.folded;
    const part = parts[k]!;
    const last = k === parts.length - 1;
    if (last && part.endsWith('*')) {
      if (!word.startsWith(part.slice(0, -1))) return 0;
    } else if (word !== part) {
      if (!last || caseSensitive) return 0;
      if (language === 'id' && !tok.stems) tok.stems = indonesianStems(word);
      const ok =
        language === 'id'
          ? (tok.stems ?? []).includes(part)
          : word === `${part}s` || word === `${part}es` || (part.endsWith('y') && word === `${part.slice(0, -1)}ies`);
      if (!ok) return 0;
    }
  }
  return parts.length;
}

type Keyword = { parts: string[]; caseSensitive: boolean };

function parseKeyword(keyword: string): Keyword {
  return { parts: keyword.split(/\s+/), caseSensitive: keyword !== keyword.toLowerCase() };
}

type CompiledKeywords = {
  /** keywords by their first word as written (case-sensitive ones) or folded */
  byFirst: Map<string, Keyword[]>;
  /** single-word prefix keywords ("pre*") by their first two characters */
  prefixes: Map<string, Keyword[]>;
  empty: boolean;
};

const compiled = new WeakMap<Topic, Map<string, CompiledKeywords>>();

/**
 * Indexes a topic's keywords by their first word (prefix keywords by their first two letters),
 * so matching a text costs a few map look-ups per token instead of trying every keyword at every
 * position. Cached per topic object and language (an edited taxonomy is a new object).
 */
function compile(topic: Topic, language: string): CompiledKeywords {
  let perLanguage = compiled.get(topic);
  if (!perLanguage) {
    perLanguage = new Map();
    compiled.set(topic, perLanguage);
  }
  const cached = perLanguage.get(language);
  if (cached) return cached;
  const byFirst = new Map<string, Keyword[]>();
  const prefixes = new Map<string, Keyword[]>();
  const add = (map: Map<string, Keyword[]>, key: string, kw: Keyword) => {
    const list = map.get(key) ?? [];
    list.push(kw);
    map.set(key, list);
  };
  const keywords = topic.keywords[language] ?? [];
  for (const text of keywords) {
    const kw = parseKeyword(text);
    const first = kw.parts[0] ?? '';
    if (first.endsWith('*') && kw.parts.length === 1) add(prefixes, first.slice(0, -1).slice(0, 2), kw);
    else add(byFirst, first, kw);
  }
  const result = { byFirst, prefixes, empty: keywords.length === 0 };
  perLanguage.set(language, result);
  return result;
}

/** A token's look-up keys for one language, kept on the token for the next topic. */
function lookupKeys(tok: Token, language: string): NonNullable<Token['lookup']> {
  // A one-letter prefix ("a*") is keyed by itself; longer ones by their first two letters.
  const prefixKeys = [...new Set([tok.folded.slice(0, 2), tok.raw.slice(0, 2), tok.folded.slice(0, 1), tok.raw.slice(0, 1)])];
  tok.lookup = { language, forms: [...new Set(lookupForms(tok, language))], prefixKeys };
  return tok.lookup;
}

/** Every form a keyword's first word could have for this token to match it (a superset; matchesAt decides). */
function lookupForms(tok: Token, language: string): string[] {
  const w = tok.folded;
  const forms = [tok.raw, w];
  if (language === 'id') {
    tok.stems ??= indonesianStems(w);
    forms.push(...tok.stems);
  } else {
    if (w.endsWith('s')) forms.push(w.slice(0, -1));
    if (w.endsWith('es')) forms.push(w.slice(0, -2));
    if (w.endsWith('ies')) forms.push(`${w.slice(0, -3)}y`);
  }
  return forms;
}

/** Number of keyword hits of one topic in tokenised text (each token position counts once). */
export function keywordHits(tokens: Token[], topic: Topic, language: string): number {
  const { byFirst, prefixes, empty } = compile(topic, language);
  if (empty) return 0;
  let hits = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const lookup = tok.lookup?.language === language ? tok.lookup : lookupKeys(tok, language);
    let width = 0;
    for (const key of lookup.prefixKeys) {
      for (const kw of prefixes.get(key) ?? []) width = Math.max(width, matchesAt(tokens, i, kw, language));
    }
    for (const form of lookup.forms) {
      for (const kw of byFirst.get(form) ?? []) width = Math.max(width, matchesAt(tokens, i, kw, language));
    }
    if (width > 0) {
      hits++;
      i += width - 1;
    }
  }
  return hits;
}

type TaxonomyIndex = {
  /** per first word (as written or folded): [topic index, keyword] */
  byFirst: Map<string, [number, Keyword][]>;
  prefixes: Map<string, [number, Keyword][]>;
};

const taxonomyIndexes = new WeakMap<Taxonomy, Map<string, TaxonomyIndex>>();

/** One index over every topic's keywords, so a text is walked once for the whole taxonomy. */
function indexTaxonomy(taxonomy: Taxonomy, language: string): TaxonomyIndex {
  let perLanguage = taxonomyIndexes.get(taxonomy);
  if (!perLanguage) {
    perLanguage = new Map();
    taxonomyIndexes.set(taxonomy, perLanguage);
  }
  const cached = perLanguage.get(language);
  if (cached) return cached;
  const index: TaxonomyIndex = { byFirst: new Map(), prefixes: new Map() };
  const add = (map: Map<string, [number, Keyword][]>, key: string, entry: [number, Keyword]) => {
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  };
  taxonomy.forEach((topic, t) => {
    const { byFirst, prefixes } = compile(topic, language);
    for (const [key, kws] of byFirst) for (const kw of kws) add(index.byFirst, key, [t, kw]);
    for (const [key, kws] of prefixes) for (const kw of kws) add(index.prefixes, key, [t, kw]);
  });
  perLanguage.set(language, index);
  return index;
}

/**
 * keywordHits for every topic of the taxonomy in one walk over the tokens (the same counts: each
 * topic skips the positions its own longest match covered). The cost no longer grows with the
 * number of topics, only with the keywords a token can start.
 */
export function keywordHitsAll(tokens: Token[], taxonomy: Taxonomy, language: string): number[] {
  const { byFirst, prefixes } = indexTaxonomy(taxonomy, language);
  const hits = taxonomy.map(() => 0);
  const nextFree = taxonomy.map(() => 0);
  const width = taxonomy.map(() => 0);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const lookup = tok.lookup?.language === language ? tok.lookup : lookupKeys(tok, language);
    width.fill(0);
    const tryAll = (entries: [number, Keyword][] | undefined) => {
      if (!entries) return;
      for (const [t, kw] of entries) {
        if (i < nextFree[t]!) continue;
        const w = matchesAt(tokens, i, kw, language);
        if (w > width[t]!) width[t] = w;
      }
    };
    for (const key of lookup.prefixKeys) tryAll(prefixes.get(key));
    for (const form of lookup.forms) tryAll(byFirst.get(form));
    for (let t = 0; t < taxonomy.length; t++) {
      if (width[t]! > 0) {
        hits[t]! += 1;
        nextFree[t] = i + width[t]!;
      }
    }
  }
  return hits;
}

/** Keyword evidence as 0…1: one hit 0.5, two 0.75, three 0.875… */
export function keywordScore(hits: number): number {
  return 1 - 0.5 ** hits;
}

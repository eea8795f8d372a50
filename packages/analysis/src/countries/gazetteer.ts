import enNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import idNames from 'i18n-iso-countries/langs/id.json' with { type: 'json' };
import {
  CAPITALISED_ONLY,
  COMMON_ENTRIES,
  EN_ENTRIES,
  ID_ENTRIES,
  type MatchMode,
  type TableEntry,
} from './gazetteer-tables.ts';

export type GazetteerLanguage = 'en' | 'id';

export type CountryMention = { text: string; index: number };
export type CountryMentions = { code: string; mentions: CountryMention[] };

type Variant = {
  code: string | null;
  mode: MatchMode;
  /** case-preserved token key for 'exact' entries ("U S" for "U.S.") */
  exactKey: string;
  /** undefined = every language */
  language?: GazetteerLanguage;
};

type Gazetteer = { byKey: Map<string, Variant[]>; maxTokens: number };

// Letters and digits, plus apostrophes inside a word ("d'Ivoire", "Nuku'alofa"). Everything else
// (spaces, dots, hyphens, commas) separates tokens, so "U.S." ≡ "U S" and "Timor-Leste" ≡ "Timor Leste".
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

type Token = { start: number; end: number; folded: string; raw: string };

function foldCase(s: string): string {
  // Strip accents so "Côte d'Ivoire" and "Cote d'Ivoire" meet, and unify apostrophes.
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLowerCase();
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    out.push({ start: m.index, end: m.index + raw.length, folded: foldCase(raw), raw });
  }
  return out;
}

function addVariant(g: Gazetteer, phrase: string, code: string | null, mode: MatchMode, language?: GazetteerLanguage): void {
  const tokens = tokenize(phrase);
  if (tokens.length === 0) return;
  const key = tokens.map((t) => t.folded).join(' ');
  const exactKey = tokens.map((t) => t.raw).join(' ');
  const list = g.byKey.get(key) ?? [];
  // The same phrase for two different countries ("Congo") is ambiguous: keep the first code and
  // let the hand tables decide, since they are added first.
  if (list.some((v) => v.mode === mode && v.language === language)) return;
  list.push({ code, mode, exactKey, ...(language ? { language } : {}) });
  g.byKey.set(key, list);
  g.maxTokens = Math.max(g.maxTokens, tokens.length);
}

function libraryNames(locale: { countries: Record<string, string | string[]> }): [string, string][] {
  const out: [string, string][] = [];
  for (const [code, names] of Object.entries(locale.countries)) {
    for (const name of Array.isArray(names) ? names : [names]) out.push([name, code]);
  }
  return out;
}

function buildGazetteer(): Gazetteer {
  const g: Gazetteer = { byKey: new Map(), maxTokens: 1 };
  const addTable = (entries: readonly TableEntry[], language?: GazetteerLanguage) => {
    for (const [phrase, code, mode] of entries) addVariant(g, phrase, code, mode ?? 'any', language);
  };
  addTable(COMMON_ENTRIES);
  addTable(EN_ENTRIES, 'en');
  addTable(ID_ENTRIES, 'id');
  // Names from the library count in every language: an Indonesian post says "China" as often as
  // "Tiongkok". Library aliases that are all capitals ("US", "UK", "UAE") must be written so.
  const seen = new Map<string, string>();
  const ambiguous = new Set<string>();
  const all = [...libraryNames(enNames), ...libraryNames(idNames)];
  for (const [name, code] of all) {
    const key = foldCase(name);
    const prior = seen.get(key);
    if (prior && prior !== code) ambiguous.add(key);
    seen.set(key, code);
  }
  for (const [name, code] of all) {
    const key = foldCase(name);
    if (ambiguous.has(key) && !g.byKey.has(tokenize(name).map((t) => t.folded).join(' '))) continue;
    const isAcronym = /^[A-Z.]+$/.test(name) && name.replace(/\./g, '').length <= 4;
    const mode: MatchMode = isAcronym ? 'exact' : CAPITALISED_ONLY.has(key) ? 'capitalised' : 'any';
    addVariant(g, name, code, mode);
  }
  return g;
}

let cached: Gazetteer | undefined;
function gazetteer(): Gazetteer {
  cached ??= buildGazetteer();
  return cached;
}

function accepts(v: Variant, span: Token[], language?: GazetteerLanguage): boolean {
  if (v.language && language && v.language !== language) return false;
  if (v.mode === 'any') return true;
  if (v.mode === 'exact') return span.map((t) => t.raw).join(' ') === v.exactKey;
  const first = span[0]?.raw.charAt(0) ?? '';
  return first !== first.toLowerCase();
}

/**
 * Countries (ISO 3166-1 alpha-2) named in a text by name, short name, demonym, capital or
 * abbreviation, whole words only and longest phrase first. Without `language`, the English and
 * Indonesian tables both apply.
 * @example countriesMentioned('Jakarta and Canberra signed…') // [{ code: 'ID', … }, { code: 'AU', … }]
 */
export function countriesMentioned(text: string, options: { language?: GazetteerLanguage } = {}): CountryMentions[] {
  const g = gazetteer();
  const tokens = tokenize(text);
  const byCode = new Map<string, CountryMention[]>();
  let i = 0;
  while (i < tokens.length) {
    let consumed = 0;
    for (let n = Math.min(g.maxTokens, tokens.length - i); n >= 1 && consumed === 0; n--) {
      const span = tokens.slice(i, i + n);
      const variants = g.byKey.get(span.map((t) => t.folded).join(' '));
      const hit = variants?.find((v) => accepts(v, span, options.language));
      if (!hit) continue;
      consumed = n;
      if (hit.code === null) break; // a blocker: the phrase is not a country
      const start = span[0]!.start;
      let end = span[n - 1]!.end;
      if (hit.mode === 'exact' && hit.exactKey.includes(' ') && text[end] === '.') end += 1; // "U.S." keeps its dot
      const list = byCode.get(hit.code) ?? [];
      list.push({ text: text.slice(start, end), index: start });
      byCode.set(hit.code, list);
    }
    i += consumed || 1;
  }
  return [...byCode].map(([code, mentions]) => ({ code, mentions }));
}

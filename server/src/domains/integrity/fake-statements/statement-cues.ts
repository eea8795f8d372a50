// Does an item present itself as an official statement of OUR ministry or one of its missions?
// Pure: the caller gives the names the workspace knows (units, official accounts), our country and
// the newsroom's origin. Precision first: an item is cued only when it is framed as the statement
// itself — a header line ("Siaran Pers", "Statement by the Ministry …", "Press release:") tied to
// an issuer that is ours — or when it links a statement of our newsroom. News that merely reports
// what the ministry said ("… the ministry said in a press release") is not cued.
import { countriesMentioned } from '@diplodesk/analysis';

export type StatementCueKind = 'newsroom-link' | 'framing' | 'issuer' | 'generic-issuer';
export type StatementCue = { kind: StatementCueKind; text: string };

export type CueContext = {
  /** The ministry's and missions' names as the workspace knows them: unit names, official accounts' display names and handles. */
  names: readonly string[];
  /** Our country (ISO 3166-1 alpha-2) when the workspace names it: an issuer phrase naming another country is not ours. */
  country: string | null;
  /** The newsroom's public origin(s), e.g. `https://news.example.go.id`. */
  newsroomOrigins: readonly string[];
};

export type CueAssessment = {
  cued: boolean;
  /** `strong`: a newsroom link, or framing tied to a name of ours (or an issuer phrase naming our country); `weak`: framing tied to an unqualified issuer phrase. */
  strength: 'strong' | 'weak' | null;
  cues: StatementCue[];
  /** Links in the text to our newsroom. */
  newsroomLinks: string[];
  /** The text to verify: the item less its framing header lines, links and hashtags. */
  body: string;
};

// Document-type labels, as a statement's header says them, in the languages a ministry meets.
const framingPhrases = [
  // English
  'press release', 'press statement', 'official statement', 'joint statement', 'media release', 'media statement', 'press communiqu[eé]', 'communiqu[eé]', 'statement by', 'statement of', 'statement from', 'statement on', 'statement',
  // Indonesian
  'siaran pers', 'pernyataan resmi', 'pernyataan pers', 'pernyataan bersama', 'pernyataan', 'keterangan pers', 'keterangan resmi', 'rilis pers', 'rilis resmi', 'pengumuman resmi',
  // Malay
  'kenyataan media', 'kenyataan akhbar', 'kenyataan rasmi',
  // French, Spanish, Portuguese, German, Dutch
  'communiqu[eé] de presse', 'd[eé]claration officielle', 'd[eé]claration du', 'd[eé]claration de', 'comunicado de prensa', 'comunicado oficial', 'comunicado', 'declaraci[oó]n oficial', 'nota de prensa', 'nota [aà] imprensa', 'comunicado de imprensa', 'pressemitteilung', 'presseerkl[aä]rung', 'erkl[aä]rung des', 'persbericht', 'verklaring van',
  // Arabic, Russian, Chinese, Japanese
  'بيان صحفي', 'بيان رسمي', 'بيان', 'пресс-релиз', 'заявление', '新闻稿', '声明', '报道发表', '報道発表', 'プレスリリース', '談話',
];
const framingRe = new RegExp(`^(?:${framingPhrases.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
// Decorations before a header: brackets, bullets, emoji, "BREAKING", "RT @x:", hashtags.
const headerPrefix = /^(?:[\s[\](){}*_#>•·|~"'“”‘’«»\-–—:.!]|\p{Extended_Pictographic}|\uFE0F|breaking\b|urgent\b|penting\b|rt @\w+:?|@\w+)*/iu;

// Generic issuer phrases. `country` is the country the phrase itself implies (KBRI = the Embassy of
// the Republic of Indonesia); otherwise the country is read from the words around it.
const genericIssuers: readonly { re: RegExp; country: string | null }[] = [
  { re: /\b(?:KBRI|KJRI|KDEI|PTRI|Kemlu\s*RI|Kemenlu\s*RI|Kemenlu|Kemlu)\b/u, country: 'ID' },
  { re: /\bKementerian Luar Negeri\b/iu, country: null },
  { re: /\bKedutaan Besar\b|\bKonsulat Jenderal\b|\bPerutusan Tetap\b/iu, country: null },
  { re: /\bMinistry of Foreign Affairs\b|\bForeign Ministry\b|\bMinistry for Foreign Affairs\b|\bMFA\b|\bForeign Office\b/iu, country: null },
  { re: /\bEmbassy\b|\bConsulate(?: General)?\b|\bPermanent Mission\b|\bHigh Commission\b/iu, country: null },
  { re: /\bMinist[eè]re des Affaires [eé]trang[eè]res\b|\bAmbassade\b|\bMinisterio de (?:Asuntos|Relaciones) Exteriores\b|\bEmbajada\b|\bAusw[aä]rtiges Amt\b|\bBotschaft\b|\bWisma Putra\b/iu, country: null },
  { re: /وزارة الخارجية|السفارة|министерство иностранных дел|посольство|外交部|大使馆|外務省|大使館/u, country: null },
];
// Indonesian names a foreign ministry without its country when it is Indonesia's own.
const indonesianUnqualified = /\b(?:Kementerian Luar Negeri|Kedutaan Besar|Konsulat Jenderal)\b/iu;

const urlRe = /\bhttps?:\/\/[^\s<>"'`)\]]+/giu;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compiled = new WeakMap<readonly string[], RegExp[]>();

/** A name of ours usable as a cue: at least 4 letters (compiled once per list of names). */
function usableNames(names: readonly string[]): RegExp[] {
  const cached = compiled.get(names);
  if (cached) return cached;
  const out = compileNames(names);
  compiled.set(names, out);
  return out;
}

function compileNames(names: readonly string[]): RegExp[] {
  const seen = new Set<string>();
  const out: RegExp[] = [];
  for (const raw of names) {
    const name = fold(raw.replace(/^@/, ''));
    if (name.replace(/[^\p{L}\p{N}]/gu, '').length < 4 || seen.has(name)) continue;
    seen.add(name);
    out.push(new RegExp(`(?<![\\p{L}\\p{N}])@?${escapeRe(name).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu'));
  }
  return out;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The country named first in a text ("Embassy of Japan in Jakarta" is Japan's). */
function firstCountry(text: string, language: 'en' | 'id'): string | null {
  let best: { code: string; at: number } | null = null;
  for (const c of countriesMentioned(text, { language })) {
    const at = Math.min(...c.mentions.map((m) => m.index));
    if (!best || at < best.at) best = { code: c.code, at };
  }
  return best?.code ?? null;
}

/** A country named in the few words right after (or before) a phrase, not in the phrase itself. */
function countryAround(text: string, index: number, length: number): string | null {
  const after = text.slice(index + length, index + length + 60).split(/[.:;\n]/)[0] ?? '';
  const before = text.slice(Math.max(0, index - 25), index).split(/[.:;\n]/).pop() ?? '';
  for (const language of ['en', 'id'] as const) {
    const found = firstCountry(`${before} … ${after}`, language);
    if (found) return found;
  }
  return null;
}

/** The country a generic issuer phrase names: implied by the phrase, or mentioned in the words right after (or before) it. */
function countryNear(text: string, index: number, length: number, implied: string | null): string | null | 'none' {
  if (implied) return implied;
  const after = text.slice(index + length, index + length + 60).split(/[.:;\n]/)[0] ?? '';
  const before = text.slice(Math.max(0, index - 25), index).split(/[.:;\n]/).pop() ?? '';
  for (const language of ['en', 'id'] as const) {
    const found = firstCountry(`${before} ${text.slice(index, index + length)} ${after}`, language);
    if (found) return found;
  }
  return 'none';
}

type Issuer = { kind: 'issuer' | 'generic-issuer'; text: string; ours: 'yes' | 'unqualified' | 'no' };

/** Issuers named in a piece of text: a name of ours, or a generic phrase whose country is ours or unnamed. */
function issuersIn(text: string, names: readonly RegExp[], country: string | null): Issuer[] {
  const found: Issuer[] = [];
  for (const re of names) {
    const m = re.exec(text);
    if (!m) continue;
    // "Ministry of Foreign Affairs of Singapore" is not ours even when our unit bears the generic name.
    const qualifier = countryAround(text, m.index, m[0].length);
    const inName = countriesMentioned(m[0]).map((c) => c.code);
    if (qualifier && qualifier !== country && !inName.includes(qualifier)) {
      found.push({ kind: 'issuer', text: m[0], ours: 'no' });
      continue;
    }
    found.push({ kind: 'issuer', text: m[0], ours: 'yes' });
  }
  for (const g of genericIssuers) {
    const m = g.re.exec(text);
    if (!m) continue;
    const named = countryNear(text, m.index, m[0].length, g.country);
    if (named === 'none') {
      // Unqualified "Kementerian Luar Negeri" in Indonesian is Indonesia's own.
      const implied = indonesianUnqualified.test(m[0]) ? 'ID' : null;
      found.push({ kind: 'generic-issuer', text: m[0], ours: implied ? (country === implied ? 'yes' : 'no') : 'unqualified' });
      continue;
    }
    found.push({ kind: 'generic-issuer', text: m[0], ours: country && named === country ? 'yes' : 'no' });
  }
  return found;
}

/** A header line: it starts (after decorations) with a document-type label, and is short or set off by a colon or dash. */
function framingOf(line: string): string | null {
  const rest = line.replace(headerPrefix, '');
  const m = framingRe.exec(rest);
  if (!m) return null;
  const after = rest.slice(m[0].length);
  // "Statement" alone must be followed by by/of/from/on/:, or be the whole line: "Statement on Monday was …" is prose otherwise.
  const bare = /^(?:statement|pernyataan|comunicado|بيان|заявление|声明)$/iu.test(m[0]);
  const setOff = /^\s*(?:[:|–—-]|$)/u.test(after);
  if (bare && !setOff && !/^\s+(?:by|of|from|on|dari|oleh|tentang|mengenai)\b/iu.test(after)) return null;
  // A long line is a header only when the header part is set off ("Siaran Pers Kemlu RI: <text>").
  if (!setOff && rest.length > 160 && !/[:|–—]\s|\s-\s/u.test(after.slice(0, 120))) return null;
  // A sentence that goes on as reported speech ("Press release says …") is not a header.
  if (/^\s+(?:says|said|states|stated|shows|menyebut|menyatakan|mengatakan|menyebutkan)\b/iu.test(after)) return null;
  return m[0];
}

/**
 * Assesses one item. `title` (an article's or a post's own title) counts as a header line.
 * @example assessStatementCues({ text: 'SIARAN PERS\nKementerian Luar Negeri RI\n\nIndonesia menyambut …' }, { names: ['Kementerian Luar Negeri RI'], country: 'ID', newsroomOrigins: [] }).strength // 'strong'
 */
export function assessStatementCues(item: { text: string; title?: string | null }, context: CueContext): CueAssessment {
  const names = usableNames(context.names);
  const origins = new Set(context.newsroomOrigins.map((o) => originOf(o)).filter((o): o is string => o !== null));
  const cues: StatementCue[] = [];
  const full = [item.title ?? '', item.text].filter(Boolean).join('\n');

  const newsroomLinks = [...new Set([...full.matchAll(urlRe)].map((m) => m[0].replace(/[.,;:!?]+$/, '')).filter((u) => {
    const o = originOf(u);
    return o !== null && origins.has(o);
  }))];
  for (const link of newsroomLinks) cues.push({ kind: 'newsroom-link', text: link });

  // Header lines: the title, and the first lines of the text (a header comes before the body).
  const textLines = item.text.split(/\r?\n/);
  const firstLines = textLines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '').slice(0, 3);
  // A title the text begins with (a post's title is its first words) is read in the text's own lines.
  const ownTitle = item.title && !fold(item.text).startsWith(fold(item.title)) ? item.title : null;
  const headers: { line: string; index: number | null }[] = [...(ownTitle ? [{ line: ownTitle, index: null }] : []), ...firstLines.map(({ l, i }) => ({ line: l, index: i }))];
  const keptTail = new Map<number, string>();
  let strength: CueAssessment['strength'] = newsroomLinks.length > 0 ? 'strong' : null;
  const dropLines = new Set<number>();
  for (const h of headers) {
    const framing = framingOf(h.line);
    if (!framing) continue;
    // The issuer must be tied to the header: in the header line, the next non-empty line, or the signature (last lines).
    const next = h.index === null ? (firstLines[0]?.l ?? '') : (textLines.slice(h.index + 1).find((l) => l.trim() !== '') ?? '');
    const lastLines = textLines.filter((l) => l.trim() !== '').slice(-2).join('\n');
    // A header naming another state's ministry or embassy is theirs, whatever else the item says.
    const inHeader = issuersIn(h.line, names, context.country);
    if (inHeader.some((i) => i.ours === 'no') && !inHeader.some((i) => i.ours === 'yes')) continue;
    // The next line counts as an issuer line only when it is one (short, not a sentence).
    const issuerLine = next.length <= 120 && !/[.!?]\s*$/.test(next.trim()) ? next : '';
    const tied = [...inHeader, ...issuersIn(issuerLine, names, context.country), ...issuersIn(lastLines.length <= 200 ? lastLines : '', names, context.country)].filter((i) => i.ours !== 'no');
    if (tied.length === 0) continue;
    cues.push({ kind: 'framing', text: framing });
    for (const t of tied) if (!cues.some((c) => c.kind === t.kind && fold(c.text) === fold(t.text))) cues.push({ kind: t.kind, text: t.text });
    const ours = tied.some((t) => t.ours === 'yes');
    strength = strength === 'strong' || ours ? 'strong' : 'weak';
    const index = h.index;
    if (index !== null) {
      // "Siaran Pers Kemlu RI: <text>": the header ends at its colon or dash, the text goes on.
      const line = textLines[index] ?? '';
      // The first separator not followed by the issuer's name ("PRESS RELEASE — Kemlu RI — <text>").
      const cut = [...line.matchAll(/[:|–—]\s|\s-\s/gu)].find((m) => m.index <= 140 && issuersIn(line.slice(m.index + m[0].length).replace(/[:|–—-].*$/su, ''), names, context.country).length === 0);
      if (cut && line.slice(cut.index + cut[0].length).trim() !== '') keptTail.set(index, line.slice(cut.index + cut[0].length));
      dropLines.add(index);
      // A short issuer line right under the header is part of it.
      const nextIndex = textLines.findIndex((l, i) => i > index && l.trim() !== '');
      if (nextIndex >= 0 && issuerLine !== '' && issuersIn(issuerLine, names, context.country).some((i) => i.ours !== 'no')) dropLines.add(nextIndex);
    }
    break;
  }
  const body = textLines
    .flatMap((l, i) => (!dropLines.has(i) ? [l] : keptTail.has(i) ? [keptTail.get(i) ?? ''] : []))
    .join('\n')
    .replace(urlRe, ' ')
    .replace(/(?:^|\s)#[\p{L}\p{N}_]+/gu, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/(?:\s*(?:…|\.\.\.)\s*)+$/u, '')
    .trim();
  return { cued: strength !== null, strength, cues, newsroomLinks, body };
}

// Impersonation: a generated registry of an Indonesian foreign ministry's and missions' accounts,
// look-alikes of them (confusables, mixed scripts, added words, edits) and accounts that are not
// look-alikes (other countries' ministries and embassies, other Indonesian institutions, media,
// people). The generator draws look-alike characters from Unicode's full confusables table and from
// an independently curated list (the `confusables` package), and words from its own list, so the
// detector is not graded on its own rules. Needs no data folder.
import { characters as curatedLookAlikes } from 'confusables';
import prototypeTable from 'unhomoglyph/data.json' with { type: 'json' };
import { type AccountName, createImpersonationDetector, skeleton } from '../src/impersonation/index.ts';
import { between, pick, prng } from './random.ts';
import type { EvalRow } from './types.ts';

type Mission = { country: string; city: string; countryId: string };

const MISSIONS: Mission[] = [
  { country: 'Japan', city: 'Tokyo', countryId: 'Jepang' },
  { country: 'USA', city: 'Washington', countryId: 'Amerika' },
  { country: 'UK', city: 'London', countryId: 'Inggris' },
  { country: 'Australia', city: 'Canberra', countryId: 'Australia' },
  { country: 'Malaysia', city: 'KualaLumpur', countryId: 'Malaysia' },
  { country: 'Singapore', city: 'Singapore', countryId: 'Singapura' },
  { country: 'Netherlands', city: 'DenHaag', countryId: 'Belanda' },
  { country: 'Germany', city: 'Berlin', countryId: 'Jerman' },
  { country: 'France', city: 'Paris', countryId: 'Prancis' },
  { country: 'China', city: 'Beijing', countryId: 'Tiongkok' },
  { country: 'India', city: 'NewDelhi', countryId: 'India' },
  { country: 'SaudiArabia', city: 'Riyadh', countryId: 'ArabSaudi' },
  { country: 'Egypt', city: 'Cairo', countryId: 'Mesir' },
  { country: 'Korea', city: 'Seoul', countryId: 'Korsel' },
  { country: 'Russia', city: 'Moscow', countryId: 'Rusia' },
  { country: 'Canada', city: 'Ottawa', countryId: 'Kanada' },
];
const CONSULATES = ['Osaka', 'Sydney', 'Perth', 'Johor', 'Penang', 'Jeddah', 'Hamburg', 'Frankfurt', 'NewYork', 'Houston', 'HongKong', 'Guangzhou'];
const PLATFORMS = ['x', 'instagram', 'facebook', 'tiktok'];

const spaced = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2');

/** The registry: the ministry, its minister and spokesperson, embassies and consulates, on several platforms. */
export function officialAccounts(): AccountName[] {
  const out: AccountName[] = [
    { platform: 'x', handle: 'KemluRI', displayName: 'Kementerian Luar Negeri RI' },
    { platform: 'instagram', handle: 'kemlu_ri', displayName: 'Kementerian Luar Negeri RI' },
    { platform: 'facebook', handle: 'Kemlu.RI', displayName: 'Kemlu RI' },
    { platform: 'x', handle: 'Menlu_RI', displayName: 'Menteri Luar Negeri RI' },
    { platform: 'x', handle: 'JubirKemlu', displayName: 'Juru Bicara Kemlu RI' },
    { platform: 'x', handle: 'SafeTravelKemlu', displayName: 'Safe Travel Kemlu' },
    { platform: 'x', handle: 'PortalDiplomasi', displayName: 'Portal Diplomasi' },
  ];
  for (const m of MISSIONS) {
    out.push({ platform: 'x', handle: `KBRI_${m.city}`, displayName: `KBRI ${spaced(m.city)}` });
    out.push({ platform: 'instagram', handle: `indonesiain${m.country.toLowerCase()}`, displayName: `Embassy of Indonesia in ${spaced(m.country)}` });
    out.push({ platform: 'x', handle: `IndonesiaIn${m.country}`, displayName: `Indonesia in ${spaced(m.country)}` });
    out.push({ platform: 'x', handle: `DubesRI_${m.countryId}`, displayName: `Duta Besar RI untuk ${spaced(m.countryId)}` });
  }
  for (const c of CONSULATES) out.push({ platform: 'x', handle: `KJRI_${c}`, displayName: `KJRI ${spaced(c)}` });
  return out;
}

const isAscii = (c: string) => c.codePointAt(0)! < 0x80;

// Look-alikes for each ASCII letter or digit: from Unicode's table (every code point whose prototype
// is that one character), from its Cyrillic and Greek part (mixed scripts), and from the curated list.
function lookAlikeSources() {
  const unicode = new Map<string, string[]>();
  const cyrGreek = new Map<string, string[]>();
  for (const [source, proto] of Object.entries(prototypeTable as Record<string, string>)) {
    if (!/^[A-Za-z0-9]$/.test(proto) || isAscii(source)) continue;
    for (const target of new Set([proto, proto.toLowerCase()])) {
      unicode.set(target, [...(unicode.get(target) ?? []), source]);
      if (/^[\p{scx=Cyrillic}\p{scx=Greek}]$/u.test(source)) cyrGreek.set(target, [...(cyrGreek.get(target) ?? []), source]);
    }
  }
  const curated = new Map<string, string[]>();
  for (const [base, alts] of curatedLookAlikes as Map<string, string>) {
    if (!/^[A-Za-z0-9]$/.test(base)) continue;
    const chars = [...alts].filter((c) => !isAscii(c));
    if (chars.length) curated.set(base, chars);
  }
  return { unicode, cyrGreek, curated };
}

/** Replaces one or two letters of `handle` by look-alikes from `table`; undefined when none applies. */
function substitute(handle: string, table: Map<string, string[]>, rand: () => number): string | undefined {
  const chars = [...handle];
  const spots = chars.map((c, i) => (table.has(c) ? i : -1)).filter((i) => i >= 0);
  if (spots.length === 0) return undefined;
  const count = Math.min(spots.length, between(1, 2, rand));
  for (let k = 0; k < count; k++) {
    const at = spots.splice(Math.floor(rand() * spots.length), 1)[0]!;
    chars[at] = pick(table.get(chars[at]!)!, rand);
  }
  const out = chars.join('');
  return out === handle ? undefined : out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random typo: a letter dropped, doubled, swapped with its neighbour or replaced. */
function typo(handle: string, rand: () => number): string {
  const chars = [...handle];
  const letters = chars.map((c, i) => (/[A-Za-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const at = pick(letters, rand);
  const op = between(0, 3, rand);
  if (op === 0 && chars.length > 4) chars.splice(at, 1);
  else if (op === 1) chars.splice(at, 0, chars[at]!);
  else if (op === 2 && at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else chars[at] = pick([...LETTERS].filter((l) => l !== chars[at]!.toLowerCase()), rand);
  return chars.join('');
}

// The generator's own words (not the detector's list): some are in it, some are not.
const ADDED_WORDS = ['official', 'real', 'resmi', 'asli', 'the', 'info', 'news', 'update', 'media', 'team', 'hq', 'center', 'pusat', 'gov', 'id', 'ri', 'indonesia', 'tv', 'daily', 'press', 'care', 'kemlu', 'embassy', 'kedubes'];

function addWord(handle: string, rand: () => number): string {
  const word = pick(ADDED_WORDS, rand);
  const styled = pick([word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)], rand);
  const sep = pick(['', '_', '_', '.'], rand);
  const where = rand();
  if (where < 0.45) return `${handle}${sep}${styled}`;
  if (where < 0.8) return `${styled}${sep}${handle}`;
  // Inside, at a separator or a case change (`Kemlu_Official_RI`).
  const boundary = [...handle.matchAll(/[_.]|(?<=[a-z])(?=[A-Z])/g)].map((m) => m.index!);
  if (boundary.length === 0) return `${handle}${sep}${styled}`;
  const at = pick(boundary, rand);
  return `${handle.slice(0, at)}${sep || '_'}${styled}${handle.slice(at)}`;
}

function digitsOrSeparators(handle: string, rand: () => number): string {
  const r = rand();
  if (r < 0.4) return `${handle}${pick(['1', '2', '01', '_1', '2024', '24', '_id', '0'], rand)}`.replace('_id', '_ID');
  if (r < 0.7 && /[_.]/.test(handle)) return handle.replace(/[_.]/, rand() < 0.5 ? '' : '__');
  const letters = [...handle.matchAll(/(?<=[a-z])(?=[A-Z])/g)].map((m) => m.index!);
  if (letters.length) {
    const at = pick(letters, rand);
    return `${handle.slice(0, at)}_${handle.slice(at)}`;
  }
  return `${handle}_`;
}

type Kind = 'confusable (Unicode table)' | 'confusable (curated list)' | 'mixed script' | 'added word' | 'one edit' | 'two edits' | 'digits or separators' | 'word + confusable';
const KINDS: Kind[] = ['confusable (Unicode table)', 'confusable (curated list)', 'mixed script', 'added word', 'one edit', 'two edits', 'digits or separators', 'word + confusable'];

type Case = { account: AccountName; positive: boolean; kind: string };

/** A display name for a look-alike: copied, copied with look-alikes, with a word, empty or its own. */
function lookAlikeDisplay(official: AccountName, sources: ReturnType<typeof lookAlikeSources>, rand: () => number): string | undefined {
  const name = official.displayName ?? '';
  const r = rand();
  if (r < 0.45) return name;
  if (r < 0.6) return substitute(name, sources.unicode, rand) ?? name;
  if (r < 0.72) return `${name} ${pick(['Official', 'Resmi', '(Official)', 'News', 'Info'], rand)}`;
  if (r < 0.9) return undefined;
  return pick(['Info Diplomasi', 'Berita Terkini', 'Update Indonesia', 'Admin', 'Info Visa & Paspor'], rand);
}

function lookAlike(official: AccountName, kind: Kind, sources: ReturnType<typeof lookAlikeSources>, rand: () => number): string | undefined {
  const h = official.handle;
  switch (kind) {
    case 'confusable (Unicode table)':
      return substitute(h, sources.unicode, rand);
    case 'confusable (curated list)':
      return substitute(h, sources.curated, rand);
    case 'mixed script':
      return substitute(h, sources.cyrGreek, rand);
    case 'added word':
      return addWord(h, rand);
    case 'one edit':
      return typo(h, rand);
    case 'two edits':
      return typo(typo(h, rand), rand);
    case 'digits or separators':
      return digitsOrSeparators(h, rand);
    case 'word + confusable': {
      const sub = substitute(h, sources.unicode, rand);
      return sub ? addWord(sub, rand) : undefined;
    }
  }
}

const OTHER_COUNTRIES = ['Malaysia', 'India', 'Thailand', 'Philippines', 'Vietnam', 'Singapore', 'Japan', 'Australia', 'China', 'Korea', 'Brazil', 'Nigeria', 'Kenya', 'Turkiye', 'Pakistan', 'Bangladesh', 'Mexico', 'Chile', 'Italy', 'Spain', 'Norway', 'Sweden', 'Poland', 'Ukraine', 'Netherlands', 'Germany', 'France', 'Canada', 'Egypt', 'Morocco', 'Iran', 'NewZealand', 'Timor', 'Brunei', 'Cambodia', 'Laos', 'Myanmar'];
const INSTITUTIONS: [string, string][] = [
  ['KemenkeuRI', 'Kementerian Keuangan RI'], ['KemenkesRI', 'Kementerian Kesehatan RI'], ['kemendagri', 'Kementerian Dalam Negeri'],
  ['Kemhan_RI', 'Kementerian Pertahanan RI'], ['Kemenag_RI', 'Kementerian Agama RI'], ['KemnakerRI', 'Kementerian Ketenagakerjaan'],
  ['Kemdikbud_RI', 'Kemendikbudristek'], ['BNPB_Indonesia', 'BNPB Indonesia'], ['infoBMKG', 'BMKG'], ['setkabgoid', 'Sekretariat Kabinet RI'],
  ['DPR_RI', 'DPR RI'], ['MPR_RI', 'MPR RI'], ['KPK_RI', 'KPK'], ['bps_statistics', 'BPS Statistics'], ['bank_indonesia', 'Bank Indonesia'],
  ['KemenPU', 'Kementerian PU'], ['kemenhub151', 'Kementerian Perhubungan'], ['KKPgoid', 'Kementerian Kelautan dan Perikanan'],
  ['DivHumas_Polri', 'Divisi Humas Polri'], ['Puspen_TNI', 'Puspen TNI'], ['Kemenparekraf', 'Kemenparekraf'], ['ImigrasiRI', 'Ditjen Imigrasi'],
  ['KemensetnegRI', 'Kementerian Sekretariat Negara'], ['BP2MI_RI', 'BP2MI'], ['ASEAN', 'ASEAN'], ['UNinIndonesia', 'United Nations in Indonesia'],
];
const MEDIA: [string, string][] = [
  ['detikcom', 'detikcom'], ['kompascom', 'Kompas.com'], ['tempodotco', 'Tempo.co'], ['jakpost', 'The Jakarta Post'], ['antaranews', 'ANTARA News'],
  ['CNNIndonesia', 'CNN Indonesia'], ['IndonesiaBaik_id', 'Indonesia Baik'], ['VisitIndonesia', 'Wonderful Indonesia'], ['PPIJepang', 'PPI Jepang'],
  ['PPI_UK', 'PPI United Kingdom'], ['DiasporaIndonesia', 'Indonesian Diaspora Network'], ['KabarDiaspora', 'Kabar Diaspora'], ['narasinewsroom', 'Narasi Newsroom'],
];
const FIRST = ['andi', 'budi', 'sri', 'dewi', 'rizky', 'putri', 'agus', 'siti', 'fajar', 'intan', 'yoga', 'nur', 'john', 'maria', 'kenji', 'li', 'ahmad', 'fatima'];
const LAST = ['pratama', 'wulandari', 'santoso', 'kurniawan', 'lestari', 'hidayat', 'saputra', 'tanaka', 'smith', 'wang', 'rahman', 'nugroho'];

/** Accounts that are not look-alikes: other states' diplomacy, other Indonesian bodies, media, people. */
function unrelatedAccount(rand: () => number): { account: AccountName; kind: string } {
  const r = rand();
  const platform = pick(PLATFORMS, rand);
  if (r < 0.35) {
    const c = pick(OTHER_COUNTRIES, rand);
    const host = pick([...MISSIONS.map((m) => m.country), 'Indonesia', 'Indonesia', 'Jakarta'], rand);
    const city = pick(MISSIONS, rand).city;
    const pattern = between(0, 5, rand);
    const handle = [`MFA_${c}`, `${c}MFA`, `MOFA${c}`, `${c}In${host}`, `${c}Embassy${city}`, `${c}Emb${host === 'Jakarta' ? 'Jakarta' : city}`][pattern]!;
    const displayName = pattern < 3 ? `Ministry of Foreign Affairs of ${spaced(c)}` : `Embassy of ${spaced(c)} in ${spaced(pattern === 3 ? host : city)}`;
    return { account: { platform, handle, displayName }, kind: "other countries' diplomacy" };
  }
  if (r < 0.45) {
    // Near but real: diaspora communities and student associations named like the embassies.
    const m = pick(MISSIONS, rand);
    const variants: [string, string][] = [
      [`IndonesianIn${m.country}`, `Indonesian Community in ${spaced(m.country)}`],
      [`IndonesiansIn${m.country}`, `Indonesians in ${spaced(m.country)}`],
      [`Diaspora${m.country}`, `Diaspora Indonesia di ${spaced(m.countryId)}`],
      [`PPI_${m.city}`, `PPI ${spaced(m.city)}`],
    ];
    const [handle, displayName] = pick(variants, rand);
    return { account: { platform, handle, displayName }, kind: 'diaspora and students (near names)' };
  }
  if (r < 0.6) {
    const [handle, displayName] = pick(INSTITUTIONS, rand);
    return { account: { platform, handle, displayName }, kind: 'other Indonesian institutions' };
  }
  if (r < 0.72) {
    const [handle, displayName] = pick(MEDIA, rand);
    return { account: { platform, handle, displayName }, kind: 'media and diaspora' };
  }
  const first = pick(FIRST, rand);
  const last = pick(LAST, rand);
  const handle = pick([`${first}_${last}`, `${first}${last}${between(1, 99, rand)}`, `${first}.${last}`, `${first}${between(80, 2005, rand)}`], rand);
  return { account: { platform, handle, displayName: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}` }, kind: 'people' };
}

/** The look-alikes and unrelated accounts, seeded. */
export function generateImpersonationCases(officials: AccountName[], count: number, seed: number): Case[] {
  const rand = prng(seed);
  const sources = lookAlikeSources();
  const exact = new Set(officials.map((o) => o.handle.toLowerCase()));
  const cases: Case[] = [];
  while (cases.filter((c) => c.positive).length < count) {
    const official = pick(officials, rand);
    const kind = pick(KINDS, rand);
    const handle = lookAlike(official, kind, sources, rand);
    if (!handle || exact.has(handle.toLowerCase())) continue;
    const displayName = lookAlikeDisplay(official, sources, rand);
    cases.push({ account: { platform: pick([official.platform, pick(PLATFORMS, rand)], rand), handle, ...(displayName ? { displayName } : {}) }, positive: true, kind });
  }
  while (cases.length < 2 * count) {
    const { account, kind } = unrelatedAccount(rand);
    if (!exact.has(account.handle.toLowerCase())) cases.push({ account, positive: false, kind });
  }
  return cases;
}

export type ImpersonationEvalOptions = { count?: number; seed?: number };

/** Precision and recall of look-alike detection against the generated registry, overall and per kind. */
export async function evaluateImpersonation(options: ImpersonationEvalOptions = {}): Promise<EvalRow[]> {
  const officials = officialAccounts();
  const cases = generateImpersonationCases(officials, options.count ?? 2000, options.seed ?? 1313);
  const detector = createImpersonationDetector(officials);
  const flagged = cases.map((c) => detector.assess(c.account).verdict === 'finding');
  const tp = cases.filter((c, i) => c.positive && flagged[i]).length;
  const fp = cases.filter((c, i) => !c.positive && flagged[i]).length;
  const positives = cases.filter((c) => c.positive).length;
  const base = { task: 'impersonation', dataset: 'generated-handles', language: '-' };
  const note = `${officials.length} official accounts; ${positives} look-alikes, ${cases.length - positives} unrelated; baseline = exact skeleton match only`;
  // Baseline: the plain UTS #39 test (same skeleton as an official handle, ignoring case and separators).
  const baseline = baselineFlags(officials, cases);
  const btp = cases.filter((c, i) => c.positive && baseline[i]).length;
  const bfp = cases.filter((c, i) => !c.positive && baseline[i]).length;
  const rows: EvalRow[] = [
    { ...base, metric: 'precision', value: tp / Math.max(1, tp + fp), baseline: btp / Math.max(1, btp + bfp), n: tp + fp, note },
    { ...base, metric: 'recall', value: tp / positives, baseline: btp / positives, n: positives, note },
  ];
  for (const kind of [...KINDS, ...new Set(cases.filter((c) => !c.positive).map((c) => c.kind))]) {
    const idx = cases.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
    const positive = cases[idx[0]!]!.positive;
    const hits = idx.filter((i) => flagged[i]).length;
    rows.push({
      ...base,
      dataset: `generated-handles/${kind}`,
      metric: positive ? 'recall' : 'false-positive rate',
      value: hits / idx.length,
      n: idx.length,
      ...(positive ? {} : { note: 'share of these unrelated accounts flagged' }),
    });
  }
  return rows;
}

function baselineFlags(officials: AccountName[], cases: Case[]): boolean[] {
  const key = (h: string) => skeleton(h).toLowerCase().replace(/[_.]/g, '');
  const keys = new Set(officials.map((o) => key(o.handle)));
  return cases.map((c) => keys.has(key(c.account.handle)));
}

import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import {
  type AgreementScoring,
  type UnRollCall,
  agreementWith,
  buildVoteMatrix,
  groupRollCalls,
  idealPoints,
  isWholeResolution,
  pearson,
  readUnRollCalls,
  readUnVotes,
  spearman,
  type VoteMatrix,
} from '../src/index.ts';
import type { EvalRow } from './types.ts';

/**
 * The reference file's country names where the votes spell them differently. The reference's
 * CountryAbb are COW letter codes, the votes carry ISO alpha-2 and names; names are the shorter
 * bridge. Russia is one name in the votes before and after 1991 (the USSR's seat), as in the reference.
 */
const NAME_IN_VOTES: Readonly<Record<string, string>> = {
  'United States of America': 'United States',
  'Trinidad and Tobago': 'Trinidad & Tobago',
  'St. Vincent and the Grenadines': 'St. Vincent & Grenadines',
  'St. Kitts and Nevis': 'St. Kitts & Nevis',
  'German Federal Republic': 'Federal Republic of Germany',
  'Czech Republic': 'Czechia',
  Macedonia: 'North Macedonia',
  'Bosnia and Herzegovina': 'Bosnia & Herzegovina',
  'Sao Tome and Principe': 'São Tomé & Príncipe',
  'Ivory Coast': 'Côte d’Ivoire',
  Congo: 'Congo - Brazzaville',
  'Democratic Republic of the Congo': 'Congo - Kinshasa',
  Swaziland: 'Eswatini',
  Myanmar: 'Myanmar (Burma)',
  'East Timor': 'Timor-Leste',
  'Federated States of Micronesia': 'Micronesia (Federated States of)',
};
/** Reunified Germany keeps the GFR's name in the reference; in the votes it is "Germany" from 1990 (session 45) on. */
function votesName(name: string, year: number): string {
  if (name === 'German Federal Republic' && year >= 1990) return 'Germany';
  return NAME_IN_VOTES[name] ?? name;
}

type Reference = { year: number; country: string; idealPoint: number; agreeUs: number; agreeRussia: number };

/**
 * The reference's rows. They run country by country in Correlates of War code order, and Nauru
 * (NAU) has two blocks for 2000–2012: the first sits between the Solomon Islands (COW 940) and
 * Tuvalu (947), the place of Kiribati (946), which has no rows of its own, and its figures are
 * Kiribati's (a handful of votes a year). That first block is read as Kiribati, every other row by its name.
 */
function readReference(dataDir: string): Reference[] {
  const [, ...lines] = readFileSync(join(dataDir, 'unvotes', 'unvoting.csv'), 'utf8').trim().split('\n');
  const rows = lines.map((line) => line.split(','));
  const occurrences = new Map<string, number>();
  for (const [year = '', abb = ''] of rows) occurrences.set(`${year}|${abb}`, (occurrences.get(`${year}|${abb}`) ?? 0) + 1);
  const seen = new Set<string>();
  return rows.map(([year = '', abb = '', name = '', ideal = '', us = '', russia = '']) => {
    const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
    const key = `${year}|${abb}`;
    const isMislabelledKiribati = abb === 'NAU' && occurrences.get(key) === 2 && !seen.has(key);
    seen.add(key);
    const country = isMislabelledKiribati ? 'Kiribati' : votesName(name, Number(year));
    return { year: Number(year), country, idealPoint: num(ideal), agreeUs: num(us), agreeRussia: num(russia) };
  });
}

/**
 * The roll calls the reference counts. Its votes are Voeten's data as published around 2013: the
 * early sessions (1–30, from the ICPSR roll-call records) hold every recorded vote, amendments and
 * separate paragraphs included; from session 31 (1976) on, that data held only the votes on
 * resolutions and decisions as a whole. The unvotes R package added the later sessions' amendment
 * and paragraph votes, which the reference never saw; comparing like with like leaves them out.
 */
export const inReferenceCoverage = (rc: UnRollCall): boolean => rc.session < 31 || isWholeResolution(rc);

async function loadVotes(dataDir: string): Promise<VoteMatrix> {
  const rolls = join(dataDir, 'un_rollcalls');
  const rollCalls = await readUnRollCalls(readFileSync(join(rolls, 'roll_calls.csv'), 'utf8'), readFileSync(join(rolls, 'issues.csv'), 'utf8'));
  const stream = createReadStream(join(dataDir, 'unvotes_rpkg', 'un_votes.csv.gz')).pipe(createGunzip()).setEncoding('utf8');
  return buildVoteMatrix(readUnVotes(stream), rollCalls);
}

/** Pearson r of our agreement with `anchor` against a reference column, over every country-year both have. */
function agreementR(matrix: VoteMatrix, years: Map<number, number[]>, anchor: string, scoring: AgreementScoring, ref: Reference[], pick: (r: Reference) => number) {
  const ours = new Map<string, number>();
  for (const [year, calls] of years) for (const a of agreementWith(matrix, anchor, calls, scoring)) if (a.votes) ours.set(`${year}|${a.country}`, a.agree);
  const x: number[] = [];
  const y: number[] = [];
  for (const r of ref) {
    const value = ours.get(`${r.year}|${r.country}`);
    if (value === undefined || Number.isNaN(pick(r))) continue;
    x.push(value);
    y.push(pick(r));
  }
  return { r: pearson(x, y), n: x.length };
}

/**
 * UN alignment against Imai's QSS `unvoting.csv`: agreement with the United States and Russia per
 * country-year (Pearson r over all country-years), and the per-year Spearman correlation of our
 * one-dimensional ideal points with its `idealpoint`. [] when the data is absent.
 */
export async function evaluateUnAlignment(dataDir: string): Promise<EvalRow[]> {
  const needed = [join('unvotes', 'unvoting.csv'), join('un_rollcalls', 'roll_calls.csv'), join('un_rollcalls', 'issues.csv'), join('unvotes_rpkg', 'un_votes.csv.gz')];
  if (!needed.every((f) => existsSync(join(dataDir, f)))) return [];
  const ref = readReference(dataDir);
  const matrix = await loadVotes(dataDir);
  // The reference's Year is the session's opening year (session 1 = 1946): checked against the
  // votes, it matches exactly in most years where calendar years do not.
  const yearOf = (rc: UnRollCall) => (Number.isFinite(rc.session) ? rc.session + 1945 : undefined);
  const years = groupRollCalls(matrix, (rc) => (inReferenceCoverage(rc) ? yearOf(rc) : undefined));
  const allYears = groupRollCalls(matrix, yearOf);

  const started = performance.now();
  const byYear = new Map<number, { ours: number[]; theirs: number[] }>();
  const refOf = new Map(ref.map((r) => [`${r.year}|${r.country}`, r]));
  for (const [year, calls] of years) {
    for (const p of idealPoints(matrix, calls, { orientTo: 'United States' })) {
      const r = refOf.get(`${year}|${p.country}`);
      if (!r || Number.isNaN(r.idealPoint)) continue;
      const entry = byYear.get(year) ?? { ours: [], theirs: [] };
      entry.ours.push(p.idealPoint);
      entry.theirs.push(r.idealPoint);
      byYear.set(year, entry);
    }
  }
  const idealSeconds = (performance.now() - started) / 1000;
  const rhos = [...byYear.entries()].filter(([, e]) => e.ours.length >= 5).map(([year, e]) => ({ year, rho: spearman(e.ours, e.theirs) }));
  const meanRho = rhos.reduce((a, b) => a + b.rho, 0) / rhos.length;
  const worst = rhos.reduce((a, b) => (b.rho < a.rho ? b : a));

  const base = { task: 'un-alignment', dataset: 'unvotes', language: '-' };
  const rows: EvalRow[] = [];
  for (const [label, anchor, pick] of [
    ['US', 'United States', (r: Reference) => r.agreeUs],
    ['Russia', 'Russia', (r: Reference) => r.agreeRussia],
  ] as const) {
    const identical = agreementR(matrix, years, anchor, 'identical', ref, pick);
    const half = agreementR(matrix, years, anchor, 'half-credit', ref, pick);
    const every = agreementR(matrix, allYears, anchor, 'identical', ref, pick);
    rows.push({
      ...base,
      metric: `pearson r (agree ${label})`,
      value: identical.r,
      baseline: every.r,
      n: identical.n,
      note: `identical positions / votes both cast (the reference's definition: abstentions count as positions, absences are not counted); year = session + 1945; the reference's roll calls (every vote in sessions 1–30, whole resolutions from 31); baseline = every roll call of the R package; Voeten's half-credit score gives r ${half.r.toFixed(3)}; the reference's first "Nauru" of 2000–2012 read as Kiribati`,
    });
  }
  rows.push({
    ...base,
    metric: 'spearman (ideal point)',
    value: meanRho,
    n: rhos.length,
    note: `mean over years; minimum ${worst.rho.toFixed(3)} (${worst.year}); rank-1 factor model of yes/abstain/no by alternating least squares, US positive, states with ≥ 10 votes; all years in ${idealSeconds.toFixed(1)} s`,
  });
  return rows;
}

import { csvObjects } from './csv.ts';

/** A recorded position: yes, abstain or no. Absent (8) and not a member (9) are not positions. */
export type VotePosition = 'yes' | 'abstain' | 'no';

/** Internal codes in the vote matrix: 0 no recorded position. */
export const VOTE_CODE = { yes: 1, abstain: 2, no: 3 } as const satisfies Record<VotePosition, number>;

/** Voeten's issue codes (the `short_name` of the issues file). */
export const UN_ISSUES = ['me', 'nu', 'di', 'hr', 'co', 'ec'] as const;
export type UnIssue = (typeof UN_ISSUES)[number];

/** One state's vote on one roll call, as in `un_votes` (country name, ISO 3166 alpha-2 when known). */
export type UnVote = { rcid: string; country: string; countryCode?: string; vote: VotePosition };

/**
 * A roll call with what the analyses group by. `amendment` and `paragraph` mark votes on an
 * amendment or on a separate paragraph rather than on a resolution as a whole (when the file says).
 */
export type UnRollCall = {
  rcid: string;
  session: number;
  date?: string;
  year?: number;
  important: boolean;
  issues: UnIssue[];
  amendment?: boolean;
  paragraph?: boolean;
};

/** A vote on a resolution (or decision) as a whole: neither an amendment nor a separate paragraph. */
export const isWholeResolution = (rc: UnRollCall): boolean => !rc.amendment && !rc.paragraph;

/** What a vote field says: a position, an absence (8), not a member (9), or nothing we know (undefined). */
export type VoteCode = VotePosition | 'absent' | 'not-member';

/**
 * Reads a vote field in either layout: the words (yes/abstain/no) or Voeten's codes (1 yes,
 * 2 abstain, 3 no, 8 absent, 9 not a member). Undefined for anything that is not a position.
 */
export function parseVotePosition(value: string): VotePosition | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'yes' || v === '1' || v === 'y') return 'yes';
  if (v === 'abstain' || v === '2' || v === 'a') return 'abstain';
  if (v === 'no' || v === '3' || v === 'n') return 'no';
  return undefined;
}

/**
 * Like `parseVotePosition`, but tells absences and non-membership apart from a value no layout
 * uses, so an importer can refuse a bad line and still skip the real "absent" rows.
 */
export function classifyVote(value: string): VoteCode | undefined {
  const position = parseVotePosition(value);
  if (position) return position;
  const v = value.trim().toLowerCase();
  if (v === '8' || v === 'absent' || v === 'x') return 'absent';
  if (v === '9' || v === 'not a member' || v === 'non-member' || v === 'not-member') return 'not-member';
  return undefined;
}

const missing = (v: string | undefined) => v === undefined || v === '' || v === 'NA';

/**
 * Streams the votes file (`rcid,country,country_code,vote`; the country column may be missing
 * when only codes are given, then the code names the state). Rows without a position are skipped.
 */
export async function* readUnVotes(source: string | Iterable<string> | AsyncIterable<string>): AsyncGenerator<UnVote> {
  for await (const row of csvObjects(source)) {
    const vote = parseVotePosition(row.vote ?? '');
    const code = missing(row.country_code) ? undefined : row.country_code!.trim();
    const country = missing(row.country) ? code : row.country!.trim();
    if (!vote || missing(row.rcid) || !country) continue;
    yield code ? { rcid: row.rcid!.trim(), country, countryCode: code, vote } : { rcid: row.rcid!.trim(), country, vote };
  }
}

/**
 * Reads roll calls (`rcid,session,importantvote,date,…`) and, optionally, the issues file
 * (`rcid,short_name,issue`; a roll call can carry several issues).
 */
export async function readUnRollCalls(
  rollCalls: string | Iterable<string> | AsyncIterable<string>,
  issues?: string | Iterable<string> | AsyncIterable<string>,
): Promise<UnRollCall[]> {
  const issuesOf = new Map<string, UnIssue[]>();
  if (issues !== undefined) {
    for await (const row of csvObjects(issues)) {
      const issue = (row.short_name ?? '').trim() as UnIssue;
      if (!UN_ISSUES.includes(issue) || missing(row.rcid)) continue;
      const list = issuesOf.get(row.rcid!.trim()) ?? [];
      if (!list.includes(issue)) list.push(issue);
      issuesOf.set(row.rcid!.trim(), list);
    }
  }
  const out: UnRollCall[] = [];
  for await (const row of csvObjects(rollCalls)) {
    if (missing(row.rcid)) continue;
    const rcid = row.rcid!.trim();
    const date = missing(row.date) ? undefined : row.date!.trim();
    const year = date ? Number(date.slice(0, 4)) : undefined;
    out.push({
      rcid,
      session: Number(row.session),
      ...(date ? { date } : {}),
      ...(year && Number.isFinite(year) ? { year } : {}),
      important: row.importantvote?.trim() === '1',
      issues: issuesOf.get(rcid) ?? [],
      ...(row.amend === undefined ? {} : { amendment: row.amend.trim() === '1' }),
      ...(row.para === undefined ? {} : { paragraph: row.para.trim() === '1' }),
    });
  }
  return out;
}

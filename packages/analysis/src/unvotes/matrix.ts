import { type UnRollCall, type UnVote, VOTE_CODE } from './votes.ts';

/**
 * All votes as one dense matrix: `votes[r * countries.length + c]` is 0 (no position), 1 yes,
 * 2 abstain or 3 no for roll call r and country c. 6,000 roll calls × 200 states is 1.2 MB.
 */
export type VoteMatrix = {
  countries: string[];
  /** ISO 3166 alpha-2 per country, where the data gives one. */
  codes: (string | undefined)[];
  rollCalls: UnRollCall[];
  votes: Uint8Array;
};

/**
 * Builds the matrix from streamed votes. Roll calls come from the roll-calls file; a vote whose
 * rcid is not in it gets a bare roll call (session NaN), so no vote is dropped silently.
 *
 * @example const matrix = await buildVoteMatrix(readUnVotes(chunks), rollCalls)
 */
export async function buildVoteMatrix(votes: Iterable<UnVote> | AsyncIterable<UnVote>, rollCalls: readonly UnRollCall[]): Promise<VoteMatrix> {
  const calls = [...rollCalls];
  const callIndex = new Map(calls.map((rc, i) => [rc.rcid, i]));
  const countryIndex = new Map<string, number>();
  const codes: (string | undefined)[] = [];
  const cells: number[] = [];
  for await (const vote of votes) {
    let r = callIndex.get(vote.rcid);
    if (r === undefined) {
      r = calls.push({ rcid: vote.rcid, session: Number.NaN, important: false, issues: [] }) - 1;
      callIndex.set(vote.rcid, r);
    }
    let c = countryIndex.get(vote.country);
    if (c === undefined) {
      c = countryIndex.size;
      countryIndex.set(vote.country, c);
      codes.push(vote.countryCode);
    }
    cells.push(r, c, VOTE_CODE[vote.vote]);
  }
  const n = countryIndex.size;
  const matrix = new Uint8Array(calls.length * n);
  for (let i = 0; i < cells.length; i += 3) matrix[cells[i]! * n + cells[i + 1]!] = cells[i + 2]!;
  return { countries: [...countryIndex.keys()], codes, rollCalls: calls, votes: matrix };
}

/** Roll-call indices grouped by a key (a year, a session, an issue …); roll calls whose key is undefined are left out. */
export function groupRollCalls<K>(matrix: VoteMatrix, key: (rollCall: UnRollCall) => K | undefined): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  matrix.rollCalls.forEach((rc, i) => {
    const k = key(rc);
    if (k === undefined) return;
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

import type { VoteMatrix } from './matrix.ts';

/**
 * How two positions score: `half-credit` is Voeten's agreement score (identical = 1, one abstains =
 * 0.5, yes against no = 0); `identical` counts only identical positions (the "percent agreement"
 * of teaching data sets such as Imai's QSS `unvoting.csv`).
 */
export type AgreementScoring = 'half-credit' | 'identical';

/** Agreement of two positions (codes 1 yes, 2 abstain, 3 no) under a scoring. */
export function positionAgreement(a: number, b: number, scoring: AgreementScoring = 'half-credit'): number {
  if (a === b) return 1;
  return scoring === 'half-credit' && (a === 2 || b === 2) ? 0.5 : 0;
}

/** A country's agreement with another over a set of roll calls, and the votes it rests on. */
export type Agreement = { country: string; agree: number; votes: number };

/**
 * Agreement of every country with `anchor` over the roll calls `rollCalls` (indices into the
 * matrix): the mean of `positionAgreement` over the roll calls where both took a position. A
 * country with no shared vote gets `agree` NaN and `votes` 0.
 *
 * @example agreementWith(matrix, 'United States', years.get(1990)!)
 */
export function agreementWith(matrix: VoteMatrix, anchor: string, rollCalls: readonly number[], scoring: AgreementScoring = 'half-credit'): Agreement[] {
  const n = matrix.countries.length;
  const a = matrix.countries.indexOf(anchor);
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  if (a >= 0) {
    for (const r of rollCalls) {
      const row = r * n;
      const va = matrix.votes[row + a]!;
      if (!va) continue;
      for (let c = 0; c < n; c++) {
        const vc = matrix.votes[row + c]!;
        if (!vc) continue;
        sum[c]! += positionAgreement(va, vc, scoring);
        count[c]!++;
      }
    }
  }
  return matrix.countries.map((country, c) => ({ country, agree: count[c] ? sum[c]! / count[c]! : Number.NaN, votes: count[c]! }));
}

/** Agreement of every pair of countries: symmetric n × n arrays, `agree` NaN where they share no vote. */
export type PairAgreement = { countries: string[]; agree: Float64Array; votes: Uint32Array };

/**
 * Agreement for all country pairs over a set of roll calls, in one pass over the votes
 * (O(roll calls × voters²): all pairs of a whole session take milliseconds).
 */
export function pairAgreement(matrix: VoteMatrix, rollCalls: readonly number[], scoring: AgreementScoring = 'half-credit'): PairAgreement {
  const n = matrix.countries.length;
  const sum = new Float64Array(n * n);
  const votes = new Uint32Array(n * n);
  const voters = new Int32Array(n);
  for (const r of rollCalls) {
    const row = r * n;
    let k = 0;
    for (let c = 0; c < n; c++) if (matrix.votes[row + c]) voters[k++] = c;
    for (let i = 0; i < k; i++) {
      const ci = voters[i]!;
      const vi = matrix.votes[row + ci]!;
      for (let j = i; j < k; j++) {
        const cj = voters[j]!;
        const score = positionAgreement(vi, matrix.votes[row + cj]!, scoring);
        sum[ci * n + cj]! += score;
        votes[ci * n + cj]!++;
      }
    }
  }
  const agree = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = votes[i * n + j]!;
      const value = v ? sum[i * n + j]! / v : Number.NaN;
      agree[i * n + j] = value;
      agree[j * n + i] = value;
      votes[j * n + i] = v;
    }
  }
  return { countries: matrix.countries, agree, votes };
}

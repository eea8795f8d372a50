import { describe, expect, it } from 'vitest';
import { agreementWith, pairAgreement, positionAgreement } from './agreement.ts';
import { createCsvLineReader, createCsvReader, csvObjects } from './csv.ts';
import { idealPoints } from './ideal-points.ts';
import { buildVoteMatrix, groupRollCalls } from './matrix.ts';
import { classifyVote, isWholeResolution, parseVotePosition, readUnRollCalls, readUnVotes, type UnVote } from './votes.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('CSV reading', () => {
  it('handles quotes, doubled quotes, commas, line breaks in fields and chunk borders', () => {
    const reader = createCsvReader();
    const text = 'a,b\r\n"x, y","say ""hi""\nthere"\n3,';
    const records = [...text].flatMap((ch) => reader.push(ch));
    records.push(...reader.end());
    expect(records).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['3', ''],
    ]);
  });
  it('refuses a runaway field (an unclosed quote) instead of buffering the whole file', () => {
    const reader = createCsvReader({ maxFieldLength: 100 });
    expect(() => reader.push(`1,"${'x'.repeat(200)}`)).toThrow(RangeError);
  });
  it('tells the line each record starts on, across CRLF, blank lines and quoted line breaks', () => {
    const reader = createCsvLineReader();
    const text = 'a,b\r\n1,"two\nlines"\n\n3,4\r\n5,6';
    const records = [...text].flatMap((ch) => reader.push(ch));
    records.push(...reader.end());
    expect(records.map((r) => [r.fields[0], r.line])).toEqual([
      ['a', 1],
      ['1', 2],
      ['3', 5],
      ['5', 6],
    ]);
  });
  it('maps records to the header', async () => {
    expect(await collect(csvObjects(['rcid,vote\n', '3,yes\n']))).toEqual([{ rcid: '3', vote: 'yes' }]);
  });
});

describe('votes in both layouts', () => {
  it('reads words and Voeten codes; absent and non-member are not positions', () => {
    expect(['yes', '1', 'Abstain', '2', 'no', '3', '8', '9', 'NA'].map(parseVotePosition)).toEqual([
      'yes',
      'yes',
      'abstain',
      'abstain',
      'no',
      'no',
      undefined,
      undefined,
      undefined,
    ]);
  });
  it('tells absences and non-members apart from values no layout uses', () => {
    expect(['yes', '8', 'Absent', '9', 'maybe', ''].map(classifyVote)).toEqual(['yes', 'absent', 'absent', 'not-member', undefined, undefined]);
  });
  it('marks amendment and paragraph votes when the file has those columns', async () => {
    const calls = 'rcid,session,importantvote,date,unres,amend,para\n7,70,0,2015-12-01,R/70/1,1,0\n8,70,0,2015-12-01,R/70/2,0,1\n9,70,0,2015-12-01,R/70/3,0,0\n';
    const read = await readUnRollCalls(calls);
    expect(read.map((rc) => [rc.amendment, rc.paragraph, isWholeResolution(rc)])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
  });
  it('reads the unvotes layout, an NA country code, and skips absences', async () => {
    const csv = '"rcid","country","country_code","vote"\n3,"United States","US","yes"\n3,"Zanzibar",NA,"no"\n3,"Canada","CA","8"\n';
    expect(await collect(readUnVotes(csv))).toEqual([
      { rcid: '3', country: 'United States', countryCode: 'US', vote: 'yes' },
      { rcid: '3', country: 'Zanzibar', vote: 'no' },
    ]);
  });
  it('joins roll calls with their issues', async () => {
    const calls = 'rcid,session,importantvote,date,unres\n5,1,0,1946-01-02,R/1/1\n6,40,1,1985-11-01,NA\n';
    const issues = 'rcid,short_name,issue\n6,hr,Human rights\n6,me,Palestinian conflict\n';
    expect(await readUnRollCalls(calls, issues)).toEqual([
      { rcid: '5', session: 1, date: '1946-01-02', year: 1946, important: false, issues: [] },
      { rcid: '6', session: 40, date: '1985-11-01', year: 1985, important: true, issues: ['hr', 'me'] },
    ]);
  });
});

/** Votes from a compact table: one string per roll call, one letter per country (y/a/n, '.' = absent). */
function votesOf(countries: readonly string[], table: readonly string[]): UnVote[] {
  const word = { y: 'yes', a: 'abstain', n: 'no' } as const;
  return table.flatMap((row, r) =>
    [...row].flatMap((ch, c) => (ch === '.' ? [] : [{ rcid: String(r + 1), country: countries[c]!, vote: word[ch as keyof typeof word] }])),
  );
}

describe('agreement', () => {
  it('scores identical 1, one abstention 0.5, yes against no 0', () => {
    expect([positionAgreement(1, 1), positionAgreement(1, 2), positionAgreement(2, 3), positionAgreement(1, 3)]).toEqual([1, 0.5, 0.5, 0]);
    expect(positionAgreement(1, 2, 'identical')).toBe(0);
  });
  it('averages over the roll calls both voted on, by session', async () => {
    // A vs B: y/y 1, y/a 0.5, n/y 0, (B absent) → 1.5 / 3 = 0.5; A vs C: 1, 0, 1, 1 → 0.75.
    const countries = ['A', 'B', 'C'];
    const rollCalls = [1, 2, 3, 4].map((i) => ({ rcid: String(i), session: i <= 2 ? 1 : 2, important: false, issues: [] }));
    const matrix = await buildVoteMatrix(votesOf(countries, ['yyy', 'yan', 'nyn', 'y.y']), rollCalls);
    const all = [0, 1, 2, 3];
    expect(agreementWith(matrix, 'A', all)).toEqual([
      { country: 'A', agree: 1, votes: 4 },
      { country: 'B', agree: 0.5, votes: 3 },
      { country: 'C', agree: 0.75, votes: 4 },
    ]);
    const sessions = groupRollCalls(matrix, (rc) => rc.session);
    expect(agreementWith(matrix, 'A', sessions.get(1)!).map((a) => a.agree)).toEqual([1, 0.75, 0.5]);
    const pairs = pairAgreement(matrix, all);
    expect(pairs.agree[0 * 3 + 1]).toBe(0.5);
    expect(pairs.agree[1 * 3 + 2]).toBe(pairs.agree[2 * 3 + 1]);
    // B vs C: y/y 1, a/n 0.5, y/n 0 (B absent on the fourth) → 1.5 / 3.
    expect(pairs.agree[1 * 3 + 2]).toBe(0.5);
  });
});

describe('idealPoints', () => {
  it('orders a synthetic left–right chamber and puts the anchor at the positive end', async () => {
    // Twelve states on a line; each roll call has a cut point and a direction; a state votes yes on
    // its side of the cut, abstains within 0.5 of it, and sometimes is absent or votes against its side.
    const positions = Array.from({ length: 12 }, (_, i) => i - 5.5);
    const countries = positions.map((_, i) => `S${i}`);
    let seed = 11;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const table = Array.from({ length: 80 }, () => {
      // Cut points over the whole line, so that even the two states at each end are told apart.
      const cut = (rand() - 0.5) * 12;
      const right = rand() < 0.5;
      return positions
        .map((x) => {
          if (rand() < 0.05) return '.';
          if (Math.abs(x - cut) < 0.5) return 'a';
          const yes = (x > cut) === right;
          return (rand() < 0.08 ? !yes : yes) ? 'y' : 'n';
        })
        .join('');
    });
    const rollCalls = table.map((_, i) => ({ rcid: String(i + 1), session: 1, important: false, issues: [] }));
    const matrix = await buildVoteMatrix(votesOf(countries, table), rollCalls);
    const points = idealPoints(matrix, [...rollCalls.keys()], { orientTo: 'S11' });
    expect(points.length).toBe(12);
    const order = [...points].sort((a, b) => a.idealPoint - b.idealPoint).map((p) => p.country);
    const rankOf = (c: string) => order.indexOf(c);
    // Allow one neighbour swap from the noise, no more.
    let inversions = 0;
    for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) if (rankOf(`S${i}`) > rankOf(`S${j}`)) inversions++;
    expect(inversions).toBeLessThanOrEqual(1);
    expect(points.find((p) => p.country === 'S11')!.idealPoint).toBeGreaterThan(0);
    const flipped = idealPoints(matrix, [...rollCalls.keys()], { orientTo: 'S0' });
    expect(flipped.find((p) => p.country === 'S0')!.idealPoint).toBeGreaterThan(0);
  });
  it('leaves out states with too few votes', async () => {
    const rollCalls = [1, 2, 3, 4].map((i) => ({ rcid: String(i), session: 1, important: false, issues: [] }));
    const matrix = await buildVoteMatrix(votesOf(['A', 'B', 'C', 'D'], ['yyn.', 'ynn.', 'nyyy', 'yyny']), rollCalls);
    const points = idealPoints(matrix, [0, 1, 2, 3], { minVotes: 3 });
    expect(points.map((p) => p.country)).toEqual(['A', 'B', 'C']);
  });
});

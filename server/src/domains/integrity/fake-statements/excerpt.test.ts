import { describe, expect, it } from 'vitest';
import { isExcerpt } from './detect-fake-statements.ts';

const eq = (text: string) => ({ op: 'equal' as const, text });
const removed = (text: string) => ({ op: 'removed' as const, text });
const added = (text: string) => ({ op: 'added' as const, text });

describe('isExcerpt: a quote of part of a signed statement is not a modification', () => {
  it('a quote cut at either end, with a few words added at the edges, is an excerpt', () => {
    expect(isExcerpt([removed('The Ministry '), eq('welcomes the agreement reached today.'), removed('\n\nIt commits both countries.')])).toBe(true);
    expect(isExcerpt([added('Read: '), eq('welcomes the agreement reached today.'), removed(' It commits'), added('It')])).toBe(true);
  });

  it('a change inside the quoted span, many added words or nothing in common is not', () => {
    expect(isExcerpt([eq('cut emissions by '), removed('40'), added('5'), eq(' per cent before 2035')])).toBe(false);
    expect(isExcerpt([eq('welcomes the agreement.'), added(' The Ministry also announces free visas for everyone.')])).toBe(false);
    expect(isExcerpt([removed('welcomes the agreement.'), added('rejects the agreement.')])).toBe(false);
    expect(isExcerpt(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

describe('csvCell', () => {
  it.each([
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ['+SUM(1,1)', `"'+SUM(1,1)"`],
    ['@SUM(1,1)', `"'@SUM(1,1)"`],
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['-2+3', `"'-2+3"`],
    ['-2', `"'-2"`],
    ['\tSUM', `"'\tSUM"`],
    ['\rSUM', `"'\rSUM"`],
  ])('prefixes a formula start with an apostrophe and quotes it: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text alone and quotes what RFC 4180 requires', () => {
    expect(csvCell('plain words')).toBe('plain words');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('mid=dle')).toBe('mid=dle');
    expect(csvCell(null)).toBe('');
  });

  it('writes numbers the product produced as numbers, negative ones included', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvRow([1, '=1+1', 'ok'])).toBe(`1,"'=1+1",ok`);
  });
});

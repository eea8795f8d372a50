import { describe, expect, it } from 'vitest';
import { parseRfc822Date, parseRfc3339Date } from './dates.ts';

describe('feed dates', () => {
  it('parses RFC 822 variants', () => {
    expect(parseRfc822Date('Wed, 02 Oct 2002 13:00:00 GMT')).toBe(Date.UTC(2002, 9, 2, 13));
    expect(parseRfc822Date('Wed, 02 Oct 2002 15:00:00 +0200')).toBe(Date.UTC(2002, 9, 2, 13));
    expect(parseRfc822Date('2 Oct 02 08:00 EST')).toBe(Date.UTC(2002, 9, 2, 13));
    expect(parseRfc822Date('Thu, 31 Feb 2002 10:00:00 GMT')).toBeNull();
    expect(parseRfc822Date('yesterday')).toBeNull();
  });

  it('parses RFC 3339 variants', () => {
    expect(parseRfc3339Date('2003-12-13T18:30:02Z')).toBe(Date.UTC(2003, 11, 13, 18, 30, 2));
    expect(parseRfc3339Date('2003-12-13t18:30:02.25-05:30')).toBe(Date.UTC(2003, 11, 14, 0, 0, 2, 250));
    expect(parseRfc3339Date('2003-12-13')).toBe(Date.UTC(2003, 11, 13));
    expect(parseRfc3339Date('13/12/2003')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseGkg, parseGkgLocations, parseV2Tone, toneByDocument } from './gkg.ts';

/** A GKG 2.1 row: 27 fields with the ones this parser reads filled in. */
function gkgRow(fields: { id?: string; doc: string; themes?: string; v2Themes?: string; locations?: string; tone?: string }, width = 27): string {
  const cols = new Array<string>(width).fill('');
  cols[0] = fields.id ?? '20250301101500-0';
  cols[1] = '20250301101500';
  cols[2] = '1';
  cols[3] = 'news.example.org';
  cols[4] = fields.doc;
  cols[7] = fields.themes ?? '';
  cols[8] = fields.v2Themes ?? '';
  cols[9] = fields.locations ?? '';
  if (width > 15) cols[15] = fields.tone ?? '';
  return cols.join('\t');
}

describe('parseV2Tone', () => {
  it('reads the seven numbers of format 1.5', () => {
    expect(parseV2Tone('-2.5,1.5,4,5.5,20.1,0.3,412')).toEqual({ tone: -2.5, positive: 1.5, negative: 4, polarity: 5.5, activityDensity: 20.1, selfGroupDensity: 0.3, wordCount: 412 });
  });

  it('accepts the older six-number form and rejects garbage', () => {
    expect(parseV2Tone('1,2,1,3,10,0')?.wordCount).toBeNull();
    expect(parseV2Tone('1,2,3')).toBeNull();
    expect(parseV2Tone('1,x,3,4,5,6,7')).toBeNull();
    expect(parseV2Tone('')).toBeNull();
  });
});

describe('parseGkg', () => {
  it('reads document, themes, locations and tone, and tolerates short and long rows', () => {
    const rows = [
      gkgRow({ doc: 'https://a.example/1', themes: 'TAX_FNCACT;ENV_CLIMATECHANGE;', locations: '1#Indonesia#ID#ID#-5#120#ID;4#Jakarta, Jakarta Raya, Indonesia#ID#ID04#-6.2146#106.845#-2679652', tone: '-3.1,1.2,4.3,5.5,21,1.1,800' }),
      // Only 16 columns: an older or cut row still yields its tone.
      gkgRow({ id: '20250301101500-T7', doc: 'https://b.example/2', v2Themes: 'WB_678_DIGITAL,10;WB_678_DIGITAL,90;TERROR,40', tone: '2,3,1,4,18,0.5,300' }, 16),
      // Extra trailing tabs do not shift the fields read by position.
      `${gkgRow({ doc: 'https://c.example/3', tone: 'n/a' })}\t\t`,
      gkgRow({ doc: '' }),
    ];
    const { records, rejected } = parseGkg(rows.join('\n'));
    expect(rejected).toEqual([{ line: 4, reason: 'no DocumentIdentifier (27 columns)' }]);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ documentIdentifier: 'https://a.example/1', themes: ['TAX_FNCACT', 'ENV_CLIMATECHANGE'], translated: false, tone: { tone: -3.1, wordCount: 800 } });
    expect(records[0]?.locations[1]).toEqual({ type: 4, fullName: 'Jakarta, Jakarta Raya, Indonesia', countryCode: 'ID', lat: -6.2146, long: 106.845 });
    expect(records[1]).toMatchObject({ themes: ['WB_678_DIGITAL', 'TERROR'], translated: true, tone: { tone: 2 } });
    expect(records[2]?.tone).toBeNull();
    const byDoc = toneByDocument(records);
    expect([...byDoc.keys()]).toEqual(['https://a.example/1', 'https://b.example/2']);
  });

  it('parses empty location blocks as nothing', () => {
    expect(parseGkgLocations(';;')).toEqual([]);
  });
});

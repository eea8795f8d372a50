import { describe, expect, it } from 'vitest';
import { countriesMentioned } from './gazetteer.ts';

const codes = (text: string, language?: 'en' | 'id') => countriesMentioned(text, language ? { language } : {}).map((c) => c.code);

describe('countriesMentioned', () => {
  it('finds names, demonyms and capitals with offsets', () => {
    const text = 'Indonesian ministers met in Canberra with Malaysia.';
    const found = countriesMentioned(text, { language: 'en' });
    expect(found.map((c) => c.code)).toEqual(['ID', 'AU', 'MY']);
    const au = found.find((c) => c.code === 'AU');
    expect(au?.mentions).toEqual([{ text: 'Canberra', index: text.indexOf('Canberra') }]);
  });

  it('groups repeated mentions of one country', () => {
    const found = countriesMentioned('Jakarta says Indonesia and RI agree', { language: 'id' });
    expect(found).toEqual([
      {
        code: 'ID',
        mentions: [
          { text: 'Jakarta', index: 0 },
          { text: 'Indonesia', index: 13 },
          { text: 'RI', index: 27 },
        ],
      },
    ]);
  });

  it('treats abbreviations case-sensitively', () => {
    expect(codes('The US and the UK replied', 'en')).toEqual(['US', 'GB']);
    expect(codes('Join us for a chat with uk friends', 'en')).toEqual([]);
    expect(codes('The U.S. embassy', 'en')).toEqual(['US']);
    expect(countriesMentioned('The U.S. embassy')[0]?.mentions[0]?.text).toBe('U.S.');
    expect(codes('Presiden AS dan RRT bertemu', 'id')).toEqual(['US', 'CN']);
    expect(codes('harga naik as usual', 'id')).toEqual([]);
  });

  it('matches whole words only', () => {
    expect(codes('The Omanis and Nigerians', 'en')).toEqual([]);
    expect(codes('Nigeria and Niger', 'en')).toEqual(['NG', 'NE']);
  });

  it('prefers the longest phrase', () => {
    expect(codes('Papua New Guinea and Papua', 'en')).toEqual(['PG', 'ID']);
    expect(codes('Papua Nugini dan Papua Barat', 'id')).toEqual(['PG', 'ID']);
    expect(codes('Equatorial Guinea, Guinea-Bissau and Guinea', 'en')).toEqual(['GQ', 'GW', 'GN']);
    expect(codes('the island of New Guinea', 'en')).toEqual([]);
    expect(codes('South Africa and Africa', 'en')).toEqual(['ZA']);
  });

  it('handles Georgia and capitalised-only names', () => {
    expect(codes('Tbilisi and Georgia', 'en')).toEqual(['GE']);
    expect(codes('a rally in Atlanta, Georgia', 'en')).toEqual([]);
    expect(codes('roast turkey with chile sauce', 'en')).toEqual([]);
    expect(codes('Turkey and Chile', 'en')).toEqual(['TR', 'CL']);
  });

  it('knows Indonesian names and everyday forms', () => {
    expect(codes('Amerika Serikat, Tiongkok, Jepang dan Belanda', 'id')).toEqual(['US', 'CN', 'JP', 'NL']);
    expect(codes('orang Malaysia di Negeri Sakura', 'id')).toEqual(['MY', 'JP']);
    expect(codes('Latin America is not a country', 'en')).toEqual([]);
  });

  it('ignores accents and hyphens', () => {
    expect(codes("Cote d'Ivoire and Côte d’Ivoire", 'en')).toEqual(['CI']);
    expect(codes('Timor-Leste', 'id')).toEqual(['TL']);
  });
});

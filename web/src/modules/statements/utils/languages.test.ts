import { describe, expect, it } from 'vitest';
import { languageName } from './languages.ts';

describe('languageName', () => {
  it('names the regional languages of Indonesia that listening detects, in English and Indonesian', () => {
    const en = ['jv', 'su', 'min', 'ban', 'ace', 'bjn'].map((tag) => languageName(tag, 'en'));
    const id = ['jv', 'su', 'min', 'ban', 'ace', 'bjn'].map((tag) => languageName(tag, 'id'));
    expect(en).toEqual(['Javanese', 'Sundanese', 'Minangkabau', 'Balinese', 'Acehnese', 'Banjar']);
    expect(id).toEqual(['Jawa', 'Sunda', 'Minangkabau', 'Bali', 'Aceh', 'Banjar']);
  });

  it('names undetermined text in words, and other languages through Intl', () => {
    expect(languageName('und', 'id')).toBe('Tidak diketahui');
    expect(languageName('und', 'en')).toBe('Undetermined');
    expect(languageName('fr', 'en')).toBe('French');
  });
});

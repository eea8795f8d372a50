import { describe, expect, it } from 'vitest';
import { type AccountName, assessImpersonation, confusableCharacters, createImpersonationDetector, editDistance, scriptMix, skeleton } from './index.ts';

const OFFICIALS: AccountName[] = [
  { platform: 'x', handle: 'KemluRI', displayName: 'Kementerian Luar Negeri RI' },
  { platform: 'instagram', handle: 'kemlu_ri', displayName: 'Kementerian Luar Negeri RI' },
  { platform: 'x', handle: 'IndonesiaInJapan', displayName: 'Indonesia in Japan' },
  { platform: 'x', handle: 'KBRI_Tokyo', displayName: 'KBRI Tokyo', id: '1001' },
];
const detector = createImpersonationDetector(OFFICIALS);
const assess = (handle: string, displayName?: string, platform = 'x') => detector.assess({ platform, handle, ...(displayName ? { displayName } : {}) });
const codes = (handle: string, displayName?: string) => assess(handle, displayName).reasons.map((r) => r.code);

describe('skeleton (UTS #39)', () => {
  it('maps look-alikes to one prototype: Cyrillic а, capital I and l, rn and m, 0 and O', () => {
    expect(skeleton('Kemlu\u0430')).toBe(skeleton('Kemlua'));
    expect(skeleton('KemIuRI')).toBe(skeleton('KemluRl'));
    expect(skeleton('Kernlu')).toBe(skeleton('Kemlu'));
    expect(skeleton('T0kyo')).toBe(skeleton('TOkyo'));
    expect(skeleton('T0kyo', { keepDigits: true })).toBe('T0kyo');
    expect(skeleton('Kem\u200blu')).toBe(skeleton('Kemlu'));
  });
  it('names the look-alike characters with their code points', () => {
    expect(confusableCharacters('K\u0435mlu')).toEqual([{ char: '\u0435', codePoint: 'U+0435', looksLike: 'e', index: 1 }]);
    expect(confusableCharacters('Kemlu')).toEqual([]);
  });
});

describe('scriptMix', () => {
  it('calls Latin with a Cyrillic letter mixed, and Latin with Japanese ordinary writing', () => {
    expect(scriptMix('K\u0435mlu')).toEqual({ isMixed: true, scripts: ['Latin', 'Cyrillic'] });
    expect(scriptMix('KBRI_Tokyo').isMixed).toBe(false);
    expect(scriptMix('東京のKBRI').isMixed).toBe(false);
    expect(scriptMix('Кемлу').isMixed).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps, and stops past the limit', () => {
    expect(editDistance('kemluri', 'kemulri')).toBe(1);
    expect(editDistance('kemluri', 'kemluri')).toBe(0);
    expect(editDistance('kbritokyo', 'kbritokyoo')).toBe(1);
    expect(editDistance('indonesia', 'india')).toBe(4);
    expect(editDistance('indonesia', 'india', 2)).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });
});

describe('createImpersonationDetector', () => {
  it('flags a handle with a Cyrillic а as a look-alike, with the evidence side by side', () => {
    const r = assess('IndonesiaInJ\u0430pan', 'Indonesia in Japan');
    expect(r.verdict).toBe('finding');
    expect(r.official?.handle).toBe('IndonesiaInJapan');
    expect(r.reasons.map((x) => x.code)).toEqual(['same-skeleton', 'same-skeleton', 'mixed-script', 'confusable-characters']);
    expect(r.reasons.find((x) => x.code === 'mixed-script')).toMatchObject({ field: 'handle', scripts: ['Latin', 'Cyrillic'] });
    expect(r.reasons.find((x) => x.code === 'confusable-characters')).toMatchObject({ characters: [{ char: '\u0430', codePoint: 'U+0430', looksLike: 'a' }] });
    expect(r.skeletons?.seen.handle).toBe(r.skeletons?.official.handle);
    expect(r.score).toBe(1);
  });

  it('never flags the official accounts themselves, nor the same handle on another platform or id', () => {
    expect(assess('KemluRI').verdict).toBe('official');
    expect(assess('@kemluri').verdict).toBe('official');
    expect(assess('kemlu_ri', undefined, 'instagram').verdict).toBe('official');
    expect(assess('KemluRI', undefined, 'tiktok')).toEqual({ verdict: 'clear', score: 0, reasons: [] });
    expect(detector.assess({ platform: 'x', handle: 'KBRI_Tokyo_renamed', id: '1001' }).verdict).toBe('official');
  });

  it('flags confusable letters, added words and digits, separators, and one edit', () => {
    expect(codes('KemIuRI')).toEqual(['same-skeleton']);
    expect(codes('KBRITokyo')).toEqual(['same-skeleton']);
    expect(codes('KBRI_T0kyo')).toEqual(['same-skeleton']);
    for (const handle of ['KemluRI_official', 'RealKemluRI', 'kemluri.resmi', 'KBRI_Tokyo_News', 'KBRI_Tokyo1', 'KemluRI2024']) {
      const r = assess(handle);
      expect(r.verdict, handle).toBe('finding');
      expect(r.reasons[0]).toMatchObject({ code: 'added-text', field: 'handle' });
    }
    expect(assess('KemluRI_official').reasons[0]).toMatchObject({ addedKind: 'listed-words', words: ['official'] });
    expect(assess('KBRI_Tokyo1').reasons[0]).toMatchObject({ addedKind: 'digits', words: ['1'] });
    expect(assess('IndonesiaInJapn').reasons[0]).toMatchObject({ code: 'edit-distance', distance: 1 });
    expect(assess('IndonesiaInJapn').verdict).toBe('finding');
    expect(assess('Kemlu_Official_RI').verdict).toBe('finding');
    expect(assess('Real_KemluRJ').verdict).toBe('finding');
  });

  it('flags a copied display name on an unrelated handle, when the name is long enough to mean something', () => {
    expect(assess('xyz_8812', 'Kementerian Luar Negeri RI')).toMatchObject({ verdict: 'finding', reasons: [{ code: 'same-skeleton', field: 'displayName' }] });
    expect(assess('xyz_8812', 'KBRI Tokyo').verdict).toBe('clear');
  });

  it('leaves near but different names alone: other countries, communities with their own name, people', () => {
    expect(assess('IndiaInJapan', 'Embassy of India in Japan').verdict).toBe('clear');
    expect(assess('MalaysiaInJapan', 'Malaysia in Japan').verdict).toBe('clear');
    expect(assess('IndonesianInJapan', 'Indonesian Community in Japan')).toMatchObject({ verdict: 'clear', reasons: [{ code: 'edit-distance' }, { code: 'display-name-differs' }] });
    expect(assess('KemenkeuRI', 'Kementerian Keuangan RI').verdict).toBe('clear');
    expect(assess('KemluRI_watch', 'Kemlu Watch').verdict).toBe('clear');
    expect(assess('budi_santoso', 'Budi Santoso')).toEqual({ verdict: 'clear', score: 0, reasons: [] });
  });

  it('has a one-off form and a threshold to set', () => {
    expect(assessImpersonation({ platform: 'x', handle: 'IndonesiaInJapn' }, OFFICIALS).verdict).toBe('finding');
    expect(createImpersonationDetector(OFFICIALS, { threshold: 0.9 }).assess({ platform: 'x', handle: 'IndonesiaInJapn' }).verdict).toBe('clear');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { countIdMsMarkers, createLanguageIdentifier, type LanguageIdentifier } from './index.ts';

let lid: LanguageIdentifier;
beforeAll(async () => {
  lid = await createLanguageIdentifier();
});

describe('language identification (lid.176)', () => {
  it.each([
    ['id', 'Pemerintah Indonesia akan meningkatkan kerja sama perdagangan dengan negara-negara tetangga karena permintaan terus naik.'],
    ['ms', 'Kerajaan Malaysia akan meningkatkan kerjasama perdagangan dengan negara jiran kerana permintaan terus meningkat.'],
    ['en', 'The foreign minister met her counterpart to discuss maritime security in the region.'],
    ['zh', '外交部长与邻国代表讨论了海上安全问题。'],
    ['ar', 'التقى وزير الخارجية بنظيره لمناقشة الأمن البحري في المنطقة.'],
  ])('%s', (expected, text) => {
    const r = lid.identify(text);
    expect(r.language).toBe(expected);
    expect(r.confidence).toBeGreaterThan(0);
  });

  it("answers 'und' for 'ok', emoji only and bare links", () => {
    expect(lid.identify('ok').language).toBe('und');
    expect(lid.identify('😀🔥🙏').language).toBe('und');
    expect(lid.identify('https://kemlu.go.id @kemlu #RI').language).toBe('und');
  });

  it('ignores URLs, mentions and hashtags and reads across newlines', () => {
    const r = lid.identify('@user_x https://t.co/abc\nThe embassy will be closed on Monday\nfor the national holiday. #notice');
    expect(r.language).toBe('en');
  });

  it('returns alternatives ordered by confidence', () => {
    const r = lid.identify('Saya tidak tahu apa yang terjadi kemarin di kantor');
    const probs = [r.confidence, ...r.alternatives.map((a) => a.confidence)];
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
  });

  it('weighs marker words and phrases for id against ms', () => {
    expect(countIdMsMarkers(['kerana', 'kesihatan', 'dan'])).toEqual({ id: 0, ms: 6 });
    expect(countIdMsMarkers(['rumah', 'sakit', 'karena'])).toEqual({ id: 6, ms: 0 });
    // Frequency words count less than spellings of one standard only.
    expect(countIdMsMarkers(['mempunyai', 'daripada'])).toEqual({ id: 0, ms: 2 });
    // Productive suffixes: -iti / -itas, but not Indonesian peneliti.
    expect(countIdMsMarkers(['kapasiti'])).toEqual({ id: 0, ms: 2 });
    expect(countIdMsMarkers(['kapasitas'])).toEqual({ id: 2, ms: 0 });
    expect(countIdMsMarkers(['meneliti'])).toEqual({ id: 0, ms: 0 });
  });

  it('tells formal Malay from Indonesian on frequency words when no spelling differs', () => {
    expect(lid.identify('Kerajaan telah mengumumkan pelbagai langkah baharu untuk membantu syarikat kecil.').language).toBe('ms');
    expect(lid.identify('Pemerintah telah mengumumkan berbagai langkah baru untuk membantu perusahaan kecil.').language).toBe('id');
  });

  it('calls Han text without kana Chinese, and keeps Japanese with kana', () => {
    expect(lid.identify('原子核由中子和质子这两种粒子组成。').language).toBe('zh');
    expect(lid.identify('然而，司机的头部受到了重创。').language).toBe('zh');
    expect(lid.identify('外務大臣は隣国の代表と海洋安全保障について話し合いました。').language).toBe('ja');
  });
});

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

describe('the Malay family of Indonesia: family first, then the member', () => {
  it('gives a short, clearly Indonesian complaint a confident Indonesian', () => {
    const r = lid.identify('Warga mengeluhkan antrean panjang di layanan paspor KBRI Nairobi; pelayanan dinilai lambat.');
    expect(r.language).toBe('id');
    expect(r.confidence).toBeGreaterThan(0.75);
  });

  it.each([
    ['jv', 'Bapak lan ibu wis tindak menyang kutha esuk mau, nanging durung bali nganti saiki.'],
    ['jv', 'Aku arep tuku sega pecel ing warung cedhak omah, kowe melu ora?'],
    ['su', 'Abdi rék indit ka pasar isuk-isuk pikeun meuli sayuran jeung lauk.'],
    ['su', 'Barudak keur ulin di buruan bari ngadagoan indungna balik ti sawah.'],
    ['min', 'Urang kampuang alah bakumpua di surau untuak mambahas karajo gotong royong.'],
    ['min', 'Ambo indak tau apo nan ka dikarajoan dek inyo bisuak pagi.'],
  ])('names %s', (expected, text) => {
    const r = lid.identify(text);
    expect(r.language).toBe(expected);
    expect(r.decidedBy).toBe('regional-model');
  });

  it.each([
    ['ban', 'Krama desa sane wenten ring Bali ngranjing ka pura jagi ngaturang bakti ring rahina suci punika.'],
    ['ace', 'Ureueng nyang na di gampông nyan jitem jak u meunasah keu meuseuraya.'],
    ['bjn', 'Ulun handak tulak ka pasar, tapi hujan lebat banar kada kawa bajalan.'],
  ])('names %s or leaves it undetermined, never Indonesian', (expected, text) => {
    expect([expected, 'und']).toContain(lid.identify(text).language);
  });

  it('keeps formal Malay and everyday Indonesian in their own language', () => {
    expect(lid.identify('Kerajaan negeri akan membina lebih banyak hospital di kawasan luar bandar tahun hadapan.').language).toBe('ms');
    expect(lid.identify('Aku lagi nunggu ojek dari tadi, macetnya parah banget di depan kantor.').language).toBe('id');
  });

  it('leaves English and French to lid.176', () => {
    expect(lid.identify('The embassy will open a new visa office in Surabaya next month.').language).toBe('en');
    expect(lid.identify("L'ambassade ouvrira un nouveau bureau des visas le mois prochain.").language).toBe('fr');
  });

  it('without the regional model, answers as before (lid.176 and the markers)', async () => {
    const before = await createLanguageIdentifier({ regional: false });
    expect(before.identify('Ulun handak tulak ka pasar, tapi hujan lebat banar kada kawa bajalan.').language).not.toBe('bjn');
  });
});

import { describe, expect, it } from 'vitest';
import { assessStatementCues, type CueContext } from './statement-cues.ts';

// An Indonesian workspace: the ministry, two missions and an official account, as the workspace names them.
const indonesia: CueContext = {
  names: ['Kementerian Luar Negeri Republik Indonesia', 'Embassy of the Republic of Indonesia in Tokyo', 'KBRI Tokyo', 'Kemlu RI', '@KemluRI'],
  country: 'ID',
  newsroomOrigins: ['https://news.kemlu.example.go.id'],
};
// A ministry of another country: nothing Indonesian is hard-coded as ours.
const ruritania: CueContext = { names: ['Ministry of Foreign Affairs of Ruritania', 'Embassy of Ruritania in Jakarta'], country: null, newsroomOrigins: ['https://mfa.ruritania.example'] };

const assess = (text: string, context = indonesia, title: string | null = null) => assessStatementCues({ text, title }, context);

describe('items that present themselves as our statement', () => {
  it.each([
    ['Indonesian header with the ministry on the next line', 'SIARAN PERS\nKementerian Luar Negeri Republik Indonesia\n\nIndonesia menyambut baik kesepakatan iklim regional.'],
    ['Indonesian header with the issuer in the line', 'Siaran Pers Kemlu RI: Indonesia menyambut baik kesepakatan iklim regional.'],
    ['pernyataan resmi by an embassy (KBRI)', '🔴 PERNYATAAN RESMI KBRI Tokyo\nWarga negara Indonesia diminta tetap tenang.'],
    ['keterangan pers, unqualified Kementerian Luar Negeri (Indonesian usage)', 'Keterangan Pers Kementerian Luar Negeri\n\nPemerintah menolak klaim tersebut.'],
    ['English statement by the ministry, qualified by our country', 'Statement by the Ministry of Foreign Affairs of the Republic of Indonesia on the situation in the region\n\nIndonesia calls for restraint.'],
    ['English press release signed at the end', 'Press release:\nIndonesia calls for restraint by all parties.\n\nEmbassy of the Republic of Indonesia in Tokyo'],
    ['a retweet of a header', 'RT @someone: PRESS RELEASE — Kemlu RI\nIndonesia calls for restraint.'],
    ['a title as the header', 'Indonesia calls for restraint by all parties.', 'Siaran Pers Kementerian Luar Negeri Republik Indonesia'],
    ['Spanish press release naming our official account', 'Comunicado de prensa — @KemluRI\nIndonesia pide moderación a todas las partes.'],
    ['Malay media statement of our ministry', 'KENYATAAN MEDIA\nKementerian Luar Negeri Republik Indonesia\nIndonesia menggesa semua pihak bertenang.'],
  ])('%s', (_label, text, title?: string) => {
    const a = assess(text, indonesia, title ?? null);
    expect(a.cued).toBe(true);
    expect(a.strength).toBe('strong');
    expect(a.cues.map((c) => c.kind)).toContain('framing');
  });

  it('a link to our newsroom is enough, and the link is named', () => {
    const a = assess('Read the ministry\'s position here https://news.kemlu.example.go.id/newsroom/en/statement-on-x.');
    expect(a).toMatchObject({ cued: true, strength: 'strong', newsroomLinks: ['https://news.kemlu.example.go.id/newsroom/en/statement-on-x'] });
    expect(a.body).not.toContain('https://');
  });

  it('an unqualified ministry header is a weak cue (also where the country is named in a language the gazetteer does not read)', () => {
    expect(assess('PRESS RELEASE\nMinistry of Foreign Affairs\n\nThe ministry rejects the allegations.')).toMatchObject({ cued: true, strength: 'weak' });
    expect(assess("Communiqué de presse de l'Ambassade d'Indonésie\nL'Indonésie appelle à la retenue.")).toMatchObject({ cued: true, strength: 'weak' });
  });

  it('strips the header, the issuer line, links and hashtags from the text to verify', () => {
    const a = assess('SIARAN PERS\nKementerian Luar Negeri Republik Indonesia\n\nIndonesia menyambut baik kesepakatan iklim regional. #Diplomasi https://t.example/x …');
    expect(a.body).toBe('Indonesia menyambut baik kesepakatan iklim regional.');
  });

  it('reads the names of another workspace from its settings, not Indonesia\'s', () => {
    expect(assess('Press release — Ministry of Foreign Affairs of Ruritania\nRuritania welcomes the talks.', ruritania)).toMatchObject({ cued: true, strength: 'strong' });
    expect(assess('SIARAN PERS\nKementerian Luar Negeri Republik Indonesia\n\nIndonesia menyambut baik.', ruritania).cued).toBe(false);
  });
});

describe('items that do not', () => {
  it.each([
    ['news reporting a press release (EN)', 'The Ministry of Foreign Affairs said in a press release on Monday that talks would resume.'],
    ['news reporting a press release (ID)', 'Kementerian Luar Negeri dalam siaran pers pada Senin menyatakan perundingan akan dilanjutkan.'],
    ['news starting with "according to"', 'According to a statement by the Ministry of Foreign Affairs, the talks will resume next week.'],
    ['menurut keterangan pers', 'Menurut keterangan pers Kemlu, evakuasi berjalan lancar.'],
    ['a company press release', 'PRESS RELEASE\nAcme Corp launches its new phone in Jakarta.'],
    ['another country\'s ministry (EN)', 'Statement by the Ministry of Foreign Affairs of Singapore on the regional talks\n\nSingapore welcomes the talks.'],
    ['another country\'s ministry (ID)', 'Siaran Pers Kementerian Luar Negeri Singapura\n\nSingapura menyambut baik perundingan.'],
    ['another country\'s embassy in our capital', 'Statement of the Embassy of Japan in Jakarta\nJapan welcomes the agreement.'],
    ['"statement" as a plain word', 'Statement made by the minister at the dinner was funny, says the Kemlu spokesman.'],
    ['a press release that says', 'Press release says the Ministry of Foreign Affairs of Indonesia will open a consulate.'],
    ['framing far from the top', 'Today in Jakarta, many things happened.\nTraffic was heavy.\nThe weather was fine.\nSiaran pers Kemlu RI soal visa beredar di grup WhatsApp.'],
    ['a link to another site', 'Kemlu RI statement https://news.example.com/kemlu-statement'],
  ])('%s', (_label, text) => {
    expect(assess(text).cued).toBe(false);
  });
});

describe('the text to verify', () => {
  it.each([
    ['a post whose title is its first lines', 'SIARAN PERS\nKementerian Luar Negeri RI', 'SIARAN PERS\nKementerian Luar Negeri RI\n\nIndonesia menyambut baik kesepakatan iklim regional.'],
    ['a header ending in a colon on the line of the text', null, 'Siaran Pers Kemlu RI: Indonesia menyambut baik kesepakatan iklim regional.'],
    ['a header ending in a dash', null, 'PRESS RELEASE — Kemlu RI — Indonesia menyambut baik kesepakatan iklim regional.'],
  ])('%s', (_label, title, text) => {
    expect(assessStatementCues({ title, text }, indonesia)).toMatchObject({ cued: true, strength: 'strong', body: 'Indonesia menyambut baik kesepakatan iklim regional.' });
  });
});

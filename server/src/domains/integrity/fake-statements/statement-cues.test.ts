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

  it('reads headers in other scripts when the workspace names its missions in them', () => {
    const local: CueContext = { ...indonesia, names: [...indonesia.names, 'سفارة جمهورية إندونيسيا في القاهرة', '印度尼西亚驻华大使馆'] };
    expect(assess('بيان صحفي — سفارة جمهورية إندونيسيا في القاهرة\nتدعو إندونيسيا جميع الأطراف إلى ضبط النفس.', local)).toMatchObject({ cued: true, strength: 'strong', body: 'تدعو إندونيسيا جميع الأطراف إلى ضبط النفس.' });
    expect(assess('新闻稿：印度尼西亚驻华大使馆\n印度尼西亚呼吁各方保持克制。', local)).toMatchObject({ cued: true, strength: 'strong' });
    expect(assess('据新闻稿报道，印度尼西亚驻华大使馆表示……', local).cued).toBe(false);
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

// A labelled set beyond the cases above: social posts and news as the listening sources carry them.
// Precision is what the inbox pays for; recall is reported so a change that trades it away shows.
const labelled: { text: string; title?: string; ours: boolean }[] = [
  { ours: true, text: 'PRESS RELEASE\nMinistry of Foreign Affairs of the Republic of Indonesia\n\nIndonesia strongly condemns the attack on civilians.' },
  { ours: true, text: '[SIARAN PERS] Kemlu RI: WNI di wilayah terdampak diminta menghubungi hotline KBRI.' },
  { ours: true, text: 'Pernyataan Pers KBRI Tokyo\nKBRI Tokyo mengimbau WNI untuk waspada terhadap topan.' },
  { ours: true, text: 'Keterangan Pers Kementerian Luar Negeri\nPemerintah Indonesia menyesalkan insiden tersebut.' },
  { ours: true, text: 'Joint statement of the Republic of Indonesia and Japan — Kemlu RI\nBoth countries agree to expand maritime cooperation.' },
  { ours: true, text: '⚠️ URGENT: Official statement from the Embassy of Indonesia in Tokyo\nAll citizens should register online.' },
  { ours: true, text: 'Pengumuman Resmi KJRI Hong Kong: layanan paspor ditutup sementara.' },
  { ours: true, title: 'Statement by the Ministry of Foreign Affairs of the Republic of Indonesia', text: 'Indonesia calls on all parties to exercise restraint.' },
  { ours: true, text: 'Rilis Pers Kemlu RI\n\nIndonesia mengirim bantuan kemanusiaan ke wilayah terdampak gempa.' },
  { ours: true, text: 'Baca pernyataan lengkapnya: https://news.kemlu.example.go.id/newsroom/id/bantuan-kemanusiaan' },
  { ours: true, text: 'Indonesia calls for restraint by all parties.\n\nMinistry of Foreign Affairs of the Republic of Indonesia\nJakarta', title: 'Press Statement' },
  { ours: true, text: 'Pernyataan Resmi Kementerian Luar Negeri Republik Indonesia\nVisa kunjungan dihentikan untuk semua negara.' },
  { ours: false, text: 'Indonesia\'s foreign ministry said on Tuesday it had summoned the ambassador over the remarks.' },
  { ours: false, text: 'Kemlu RI melalui siaran persnya menyatakan evakuasi WNI berjalan lancar.' },
  { ours: false, text: 'Juru bicara Kementerian Luar Negeri mengatakan Indonesia akan mengirim bantuan.' },
  { ours: false, text: 'In a statement, the Indonesian embassy in Tokyo urged citizens to stay indoors.' },
  { ours: false, text: 'Press release: Bank Indonesia keeps its policy rate unchanged at 6 per cent.' },
  { ours: false, text: 'Siaran Pers Bank Indonesia\nBI mempertahankan suku bunga acuan.' },
  { ours: false, text: 'Statement by the Ministry of Foreign Affairs of Malaysia on the situation in the South China Sea.' },
  { ours: false, text: 'Pernyataan Kementerian Luar Negeri Australia soal kunjungan Presiden disambut baik.' },
  { ours: false, text: 'Joint statement of Japan and the Philippines on maritime security.' },
  { ours: false, text: 'Official statement from the Embassy of the United States in Jakarta\nThe embassy will be closed on Monday.' },
  { ours: false, text: 'The statement of the ministry was criticised by opposition lawmakers as weak.' },
  { ours: false, text: 'Menteri Luar Negeri menghadiri pertemuan ASEAN di Vientiane pekan ini.' },
  { ours: false, text: 'BREAKING: Kemlu confirms two citizens were injured. More soon.' },
  { ours: false, text: 'Press release from the tourism board: Bali welcomes record visitors this year.' },
  { ours: false, text: 'Kemlu RI statement https://news.example.com/kemlu-rilis-palsu' },
];

describe('precision and recall on a labelled set', () => {
  it('flags none of the negatives and nearly all of the positives', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const c of labelled) {
      const cued = assessStatementCues({ text: c.text, title: c.title ?? null }, indonesia).cued;
      if (cued && c.ours) tp++;
      else if (cued && !c.ours) {
        fp++;
        wrong.push(`false positive: ${c.text}`);
      } else if (!cued && c.ours) {
        fn++;
        wrong.push(`missed: ${c.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect({ precision, wrong: wrong.filter((w) => w.startsWith('false')) }).toEqual({ precision: 1, wrong: [] });
    expect(recall, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

import { describe, expect, it } from 'vitest';
import { pdfFaces } from './pdf-fonts.ts';
import { layoutText, type TextLayout } from './text-layout.ts';

const regular = pdfFaces.regular;
const runsOf = (layout: TextLayout) => layout.lines.map((l) => l.runs.map((r) => [r.face.name, r.text]));
const linesOf = (layout: TextLayout) => layout.lines.map((l) => l.runs.map((r) => r.text).join(''));

describe('text layout for PDFs', () => {
  it('puts each script in a face that has it, keeping spaces and marks with their word', () => {
    const layout = layoutText('Jakarta 東京 서울 Москва กรุงเทพ नई दिल्ली Ἀθῆναι', regular, { size: 10, width: 1000 });
    expect(runsOf(layout)).toEqual([
      [
        ['NotoSans', 'Jakarta '],
        ['NotoSansHans', '東京 '],
        ['NotoSansKR', '서울 '],
        ['NotoSans', 'Москва '],
        ['NotoSansThai', 'กรุงเทพ '],
        ['NotoSans', 'नई दिल्ली Ἀθῆναι'],
      ],
    ]);
    // Hanja inside Korean stays in the Korean face; kana with kanji stay in the Chinese one.
    expect(runsOf(layoutText('대한민국 韓國', regular, { size: 10, width: 1000 }))).toEqual([[['NotoSansKR', '대한민국 韓國']]]);
    expect(runsOf(layoutText('東京でかいぎ', regular, { size: 10, width: 1000 }))).toEqual([[['NotoSansHans', '東京でかいぎ']]]);
  });

  it('covers every character of the scripts the listening desk sees most', () => {
    const samples = 'Indonesia Việt Nam “quoted” – — € № ‰ −1 Ελλάδα Россия Україна العربية فارسی اردو עברית 中国 日本語 ひらがな カタカナ 한국어 ภาษาไทย हिन्दी मराठी';
    for (const ch of samples.replace(/\s/g, '')) expect(regular.some((f) => f.covers(ch.codePointAt(0) ?? 0)), ch).toBe(true);
  });

  it('orders a right-to-left paragraph from the right, its numbers left to right, its brackets mirrored', () => {
    const layout = layoutText('اتفاق بين 3 دول (جاكرتا) عام 2026', regular, { size: 10, width: 1000 });
    expect(layout.rtl).toBe(true);
    // Runs from left to right. The shaper reverses an Arabic run itself (rtl), so its text stays in
    // reading order; brackets and the space between them are turned and mirrored here.
    expect(layout.lines[0]?.runs.map((r) => [r.face.name, r.text, r.rtl])).toEqual([
      ['NotoNaskhArabic', '2026', false],
      ['NotoNaskhArabic', 'عام ', true],
      ['NotoSans', ' (', false],
      ['NotoNaskhArabic', 'جاكرتا', true],
      ['NotoSans', ')', false],
      ['NotoNaskhArabic', ' دول ', true],
      ['NotoNaskhArabic', '3', false],
      ['NotoNaskhArabic', 'اتفاق بين ', true],
    ]);
    // Arabic-Indic digits are in the Arabic script: turned here, so that the shaper's turn puts them back.
    expect(layoutText('سنة ٢٠٢٥ م', regular, { size: 10, width: 1000 }).lines[0]?.runs.map((r) => r.text)).toEqual([' م', '٥٢٠٢', 'سنة ']);
  });

  it('keeps a left-to-right paragraph left to right around the Arabic inside it', () => {
    const layout = layoutText('Talks in الرياض (السعودية) today', regular, { size: 10, width: 1000 });
    expect(layout.rtl).toBe(false);
    expect(runsOf(layout)).toEqual([
      [
        ['NotoSans', 'Talks in '],
        ['NotoSans', '('],
        ['NotoNaskhArabic', 'السعودية'],
        ['NotoSans', ')'],
        ['NotoNaskhArabic', 'الرياض '],
        ['NotoSans', ' today'],
      ],
    ]);
  });

  it('breaks lines where Unicode allows: between ideographs but not before a full stop, between Thai words', () => {
    const zh = layoutText('印度尼西亚与太平洋岛国同意联合巡逻，打击非法捕鱼。', regular, { size: 10, width: 60 });
    expect(linesOf(zh)).toEqual(['印度尼西亚与', '太平洋岛国同', '意联合巡逻，', '打击非法捕', '鱼。']);
    const th = layoutText('ไทยและอินโดนีเซียตกลงร่วมมือด้านการประมง', regular, { size: 10, width: 60 });
    expect(linesOf(th)).toEqual(['ไทยและ', 'อินโดนีเซีย', 'ตกลงร่วมมือ', 'ด้านการประมง']);
    for (const line of [...zh.lines, ...th.lines]) expect(line.width).toBeLessThanOrEqual(60);
    // A word wider than the line is cut between characters.
    const url = layoutText('https://news.example.id/2026/11/patroli-bersama', regular, { size: 10, width: 100 });
    expect(linesOf(url).join('')).toBe('https://news.example.id/2026/11/patroli-bersama');
    for (const line of url.lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('ends a text cut to its last allowed line with an ellipsis, on the side the paragraph ends', () => {
    const en = layoutText('Demo Ministry of Foreign Affairs of the Republic', regular, { size: 8, width: 100, maxLines: 1 });
    expect(en.truncated).toBe(true);
    expect(linesOf(en)).toEqual(['Demo Ministry of Foreig…']);
    const ar = layoutText('وزارة الخارجية في جمهورية إندونيسيا', regular, { size: 8, width: 60, maxLines: 1 });
    expect(ar.lines).toHaveLength(1);
    expect(ar.lines[0]?.runs[0]?.text).toBe('…');
  });

  it('leaves out emoji no font draws, without doubling the space they stood in', () => {
    expect(linesOf(layoutText('Patroli 🇮🇩 bersama 👍🏽', regular, { size: 10, width: 1000 }))).toEqual(['Patroli bersama']);
    expect(linesOf(layoutText('Items: 5     Stories: 2', regular, { size: 10, width: 1000 }))).toEqual(['Items: 5     Stories: 2']);
  });
});

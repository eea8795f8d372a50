import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BriefDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { renderBriefPdf } from './brief-pdf.ts';

const brief: BriefDto = {
  unitId: '01900000-0000-7000-8000-000000000001',
  unitName: 'Embassy in Tokyo',
  date: '2026-03-02',
  timeZone: 'Asia/Tokyo',
  from: '2026-03-01T15:00:00.000Z',
  to: '2026-03-02T15:00:00.000Z',
  generatedAt: '2026-03-03T00:00:00.000Z',
  sections: [
    {
      id: 'top-stories',
      state: 'ready',
      figures: [
        { key: 'items', value: 1234 },
        { key: 'largestStory', value: 17 },
      ],
      items: Array.from({ length: 30 }, (_, i) => ({ title: `Story number ${i + 1} about maritime patrols`, url: `/listening/items/id-${i}`, count: 30 - i, at: '2026-03-02T01:00:00.000Z', tag: 'en' })),
      chart: Array.from({ length: 24 }, (_, h) => ({ label: `${String(h).padStart(2, '0')}:00`, value: h % 5 })),
    },
    { id: 'alerts', state: 'ready', figures: [{ key: 'alerts', value: 0 }], items: [], chart: null },
    { id: 'image-index', state: 'not-configured', figures: [], items: [], chart: null },
    {
      id: 'threat-changes',
      state: 'ready',
      figures: [{ key: 'monitorsWarning', value: 1 }],
      // A default monitor: its name in each interface language.
      items: [{ title: 'Health', titles: { en: 'Health', id: 'Kesehatan' }, url: '/insights/monitors/m-1', count: 9, at: null, tag: 'monitor-above-band' }],
      chart: null,
    },
  ],
};

/** Story titles the listening desk collects, in twelve scripts. */
const titles = {
  id: 'Indonesia dan Jepang sepakat memperkuat patroli bersama di Laut Natuna',
  ar: 'إندونيسيا ودول المحيط الهادئ تتفق على دوريات مشتركة لمكافحة الصيد غير المشروع',
  zh: '印度尼西亚与太平洋岛国同意联合巡逻，打击非法捕鱼。',
  ru: 'Россия и Индонезия обсудили сотрудничество в области рыболовства',
  ja: '日本とインドネシアが外交関係樹立を祝う文化祭を東京で開催',
  ko: '대한민국과 인도네시아가 해양 협력에 합의했다',
  th: 'ไทยและอินโดนีเซียตกลงร่วมมือด้านการประมง',
  // pdftotext reads glyphs in the order they stand: a vowel sign drawn before its consonant (ि)
  // would come out first, so the Hindi title has none.
  hi: 'भारत और जापान समुद्री सहयोग पर सहमत',
  el: 'Η Ελλάδα και η Ινδονησία υπογράφουν συμφωνία',
  he: 'ישראל ואינדונזיה חתמו על הסכם',
  vi: 'Việt Nam và Indonesia ký thỏa thuận hợp tác nghề cá',
  quotes: '“Kerja sama maritim” – kata Menteri — €5 juta · 30 ‰',
};

function write(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brief-')), 'brief.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}

const backwards = (s: string) => [...s].reverse().join('');

/** The words of the PDF's first page with their places, as pdftotext finds them. */
function wordsOf(pdf: Buffer): { text: string; x: number; right: number; y: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', write(pdf), '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), right: Number(m[3]), text: m[4] ?? '' }));
}

/** The PDF's text as poppler's pdftotext reads it. */
function textOf(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', write(pdf), '-'], { encoding: 'utf8' });
}

describe('the brief PDF', () => {
  it('carries the title, unit, day, figures, items, a not-configured note and page numbers, in English', async () => {
    const pdf = await renderBriefPdf(brief, 'en', 'https://desk.example');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(pdf);
    expect(text).toContain('Daily brief');
    expect(text).toContain('Unit: Embassy in Tokyo');
    expect(text).toContain('Monday, 2 March 2026');
    expect(text).toContain('Items collected: 1,234');
    expect(text).toContain('1. Story number 1 about maritime patrols');
    expect(text).toContain('30. Story number 30');
    expect(text).toContain('No alert fired on this day.');
    expect(text).toContain('1. Health');
    expect(text).toContain('Not configured yet');
    expect(text).toMatch(/Page 1 of [2-9]/);
    expect(pdf.toString('latin1')).toContain('https://desk.example/listening/items/id-0');
  });

  it('speaks Indonesian', async () => {
    const text = textOf(await renderBriefPdf(brief, 'id', 'https://desk.example'));
    expect(text).toContain('Ringkasan harian');
    expect(text).toContain('Senin, 02 Maret 2026');
    expect(text).toContain('Butir terkumpul: 1.234');
    expect(text).toContain('Belum disiapkan');
    expect(text).toContain('1. Kesehatan');
    expect(text).not.toContain('Health');
    expect(text).toMatch(/Halaman 1 dari [2-9]/);
  });

  it('carries stories in any script as written, in embedded subsets of the Noto fonts, and stays small', async () => {
    const stories = Object.values(titles).map((title, i) => ({ title, url: `/listening/items/w-${i}`, count: 1, at: '2026-03-02T01:00:00.000Z', tag: null }));
    const world: BriefDto = { ...brief, unitName: 'Kedutaan Besar RI di Tokyo', sections: [{ id: 'top-stories', state: 'ready', figures: [{ key: 'items', value: stories.length }], items: stories, chart: null }] };
    const pdf = await renderBriefPdf(world, 'id', 'https://desk.example');
    const text = textOf(pdf);
    for (const title of Object.values(titles)) expect(text).toContain(title);
    // Nothing replaced: the titles carry no question mark, and none came out as one.
    expect(text).not.toContain('?');
    expect(text).toContain('Unit: Kedutaan Besar RI di Tokyo');
    const fonts = execFileSync('pdffonts', [write(pdf)], { encoding: 'utf8' });
    for (const name of ['NotoSans-Regular', 'NotoSans-Bold', 'NotoNaskhArabic', 'NotoSansHans-Regular', 'NotoSansKR-Regular', 'NotoSansThai-Regular', 'NotoSansHebrew']) expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${name}\\s.*yes\\s+yes\\s+yes`));
    // Subsets of eight fonts in about 50 KB (the Chinese font alone is 8 MB).
    expect(pdf.length).toBeLessThan(75_000);
  });

  it('writes a right-to-left title right to left, its numbers left to right, against the right margin', async () => {
    const rtl: BriefDto = { ...brief, sections: [{ id: 'top-stories', state: 'ready', figures: [], items: [{ title: 'اتفاق بين 3 دول (جاكرتا) عام 2026', url: '/x', count: null, at: null, tag: null }], chart: null }] };
    const words = wordsOf(await renderBriefPdf(rtl, 'en', 'https://desk.example'));
    const first = words.find((w) => w.text === backwards('اتفاق'));
    const line = words.filter((w) => first && Math.abs(w.y - first.y) < 4 && w.text !== '1.').sort((a, b) => a.x - b.x);
    // Glyphs as they stand from left to right, so each Arabic word reads backwards here; the
    // brackets are mirrored, as the bidirectional algorithm asks.
    expect(line.map((w) => w.text)).toEqual(['2026', backwards('عام'), `(${backwards('جاكرتا')})`, backwards('دول'), '3', backwards('بين'), backwards('اتفاق')]);
    expect(line.at(-1)?.right).toBeCloseTo(545, 0);
  });
});

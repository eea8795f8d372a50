import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BriefDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { pdfSafe, renderBriefPdf } from './brief-pdf.ts';

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
  ],
};

/** The PDF's text as poppler's pdftotext reads it. */
function textOf(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brief-')), 'brief.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
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
    expect(text).toMatch(/Halaman 1 dari [2-9]/);
  });

  it('keeps what the standard fonts can draw and marks the rest', () => {
    expect(pdfSafe('Café “quoted” – Rp 1.000')).toBe('Café “quoted” – Rp 1.000');
    expect(pdfSafe('Hà Nội')).toBe('Hà Noi');
    expect(pdfSafe('東京')).toBe('??');
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { compactCffSubsets } from './cff-subset.ts';
import { fontFile } from './pdf-fonts.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cff-subset-'));

function open(file: string): fontkit.Font {
  return fontkit.openSync(file) as fontkit.Font;
}

/** Every n-th character the font maps, so that every part of its glyph set is drawn. */
function sample(font: fontkit.Font, count: number): string {
  const chars = font.characterSet.filter((cp) => cp > 0x20 && !(cp >= 0xd800 && cp < 0xe000));
  const step = Math.max(1, Math.floor(chars.length / count));
  return String.fromCodePoint(...chars.filter((_, i) => i % step === 0).slice(0, count));
}

/** A PDF with `text` drawn in `font`, 40 characters a line, and its page as grey pixels at 100 dpi. */
async function draw(font: fontkit.Font, text: string, name: string): Promise<{ bytes: number; pixels: Buffer }> {
  const doc = new PDFDocument({ size: 'A4', margin: 30 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.registerFont('f', font as unknown as Buffer).font('f').fontSize(12);
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 40) doc.text(chars.slice(i, i + 40).join(''), 30, 30 + (i / 40) * 16, { lineBreak: false });
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, name)]);
  return { bytes: pdf.length, pixels: fs.readFileSync(path.join(dir, `${name}.pgm`)) };
}

describe('compact CFF subsets', () => {
  for (const [pkg, file, headline] of [
    ['@embedpdf/fonts-sc', 'fonts/NotoSansHans-Regular.otf', '印度尼西亚与太平洋岛国同意联合巡逻，打击非法捕鱼。'],
    ['@embedpdf/fonts-kr', 'fonts/NotoSansKR-Bold.otf', '대한민국과 인도네시아가 해양 협력에 합의했다'],
  ] as const) {
    // Rasterising two pages of 600 glyphs each takes seconds on a shared machine.
    it(`draw ${file}'s glyphs exactly as the full subset does, and a headline in far fewer bytes`, { timeout: 60_000 }, async () => {
      const name = path.basename(file, '.otf');
      const text = sample(open(fontFile(pkg, file)), 600);
      const full = await draw(open(fontFile(pkg, file)), text, `${name}-full`);
      const compact = await draw(compactCffSubsets(open(fontFile(pkg, file))), text, `${name}-compact`);
      expect(compact.pixels.equals(full.pixels)).toBe(true);
      // The page is not blank: the comparison compared glyphs.
      expect(compact.pixels.filter((p) => p < 128).length).toBeGreaterThan(10_000);
      const before = await draw(open(fontFile(pkg, file)), headline, `${name}-headline-full`);
      const after = await draw(compactCffSubsets(open(fontFile(pkg, file))), headline, `${name}-headline-compact`);
      expect(after.bytes).toBeLessThan(before.bytes / 2);
    });
  }
});

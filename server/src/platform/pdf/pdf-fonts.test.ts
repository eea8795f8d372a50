import { describe, expect, it } from 'vitest';
import { pdfFaces, type TextStyle } from './pdf-fonts.ts';

// What each face of a chain is there for, by its place in the chain.
const scripts = ['Indonesia Ελλάδα Россия हिन्दी', 'العربية', 'עברית', 'ภาษาไทย', '中国 ひらがな', '한국어'];

describe('the PDF font chains', () => {
  for (const style of ['regular', 'bold', 'italic'] as TextStyle[]) {
    it(`${style}: every face opens from its npm package and draws the script it is there for`, { timeout: 30_000 }, () => {
      const chain = pdfFaces[style];
      expect(chain).toHaveLength(scripts.length);
      chain.forEach((face, i) => {
        for (const ch of (scripts[i] ?? '').replace(/\s/g, '')) expect(face.covers(ch.codePointAt(0) ?? 0), `${face.name} ${ch}`).toBe(true);
        expect(face.ascent).toBeGreaterThan(0.5);
        expect(face.descent).toBeGreaterThan(0);
      });
    });
  }
});

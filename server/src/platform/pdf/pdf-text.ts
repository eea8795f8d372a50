// Writes text of any script into a pdfkit document: laid out by text-layout.ts in the Noto chains of
// pdf-fonts.ts, drawn run by run on a common baseline. pdfkit's own text() knows one font per call
// and no bidirectional order, so it is only used here to draw one run at a fixed place.
import type PDFKit from 'pdfkit';
import { type PdfFace, pdfFaces, type TextStyle } from './pdf-fonts.ts';
import { layoutText } from './text-layout.ts';

export type { TextStyle } from './pdf-fonts.ts';

export type WriteOptions = {
  x: number;
  /** The top of the first line; the document's current y when left out. */
  y?: number;
  width: number;
  size: number;
  style?: TextStyle;
  color?: string;
  /** `start`: left, or right for a right-to-left paragraph. */
  align?: 'start' | 'left' | 'right';
  link?: string;
  /** Past this many lines the text ends with an ellipsis. */
  maxLines?: number;
};

export type PdfText = {
  /** Writes a paragraph and leaves the document's y under it; a line that would cross the bottom margin starts a new page. */
  write(text: string, opts: WriteOptions): void;
};

/**
 * The text writer of one document.
 * @example const text = pdfText(doc); text.write(item.title, { x: 50, width: 495, size: 10 });
 */
export function pdfText(doc: PDFKit.PDFDocument): PdfText {
  const registered = new Set<string>();
  const use = (face: PdfFace, size: number) => {
    if (!registered.has(face.name)) {
      // pdfkit takes a fontkit font as it is (PDFFontFactory.open); its types know only files and buffers.
      doc.registerFont(face.name, face.font() as unknown as Buffer);
      registered.add(face.name);
    }
    doc.font(face.name).fontSize(size);
  };
  return {
    write(text, o) {
      const layout = layoutText(text, pdfFaces[o.style ?? 'regular'], { size: o.size, width: o.width, maxLines: o.maxLines });
      const right = o.align === 'right' || ((o.align ?? 'start') === 'start' && layout.rtl);
      let top = o.y ?? doc.y;
      for (const line of layout.lines) {
        const height = line.ascent + line.descent;
        if (top + height > doc.page.height - doc.page.margins.bottom && top > doc.page.margins.top) {
          doc.addPage();
          top = doc.page.margins.top;
        }
        const left = right ? o.x + o.width - line.width : o.x;
        let x = left;
        for (const run of line.runs) {
          use(run.face as PdfFace, o.size);
          // pdfkit shapes a run word by word (as it was measured), but that would put the words of a
          // right-to-left run back in logical order: `features` makes it shape such a run whole.
          const whole = run.rtl ? { features: [] as PDFKit.Mixins.OpenTypeFeatures[] } : {};
          doc.fillColor(o.color ?? 'black').text(run.text, x, top + line.ascent, { lineBreak: false, baseline: 'alphabetic', ...whole });
          x += run.width;
        }
        if (o.link && line.width > 0) doc.link(left, top, line.width, height, o.link);
        top += height;
      }
      doc.x = o.x;
      doc.y = top;
    },
  };
}

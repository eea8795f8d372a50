// The fonts DiploDesk's PDFs are written in: Noto, shipped as npm packages (SIL Open Font Licence
// 1.1, see NOTICE.md), so nothing is downloaded at run time. One chain per style, tried in order for
// each character: Noto Sans (Latin incl. Vietnamese, Greek, Cyrillic, Devanagari), Noto Naskh Arabic,
// Noto Sans Hebrew, Noto Sans Thai, Noto Sans Hans (Chinese, with Japanese kana) and Noto Sans KR
// (Hangul). A font file is read the first time a character needs it and kept for the process: a
// brief in Latin script never opens the CJK files (8 and 4.6 MB). pdfkit embeds only the glyphs a
// document uses.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { compactCffSubsets } from './cff-subset.ts';
import type { Face } from './text-layout.ts';

export type PdfFace = Face & { font(): fontkit.Font };
export type TextStyle = 'regular' | 'bold' | 'italic';

const require = createRequire(import.meta.url);

/** The folder of an installed package (some of them export no package.json to resolve). */
function packageRoot(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

// Widths of words already shaped, per face: shaping is most of a PDF's time (Noto Sans has many
// lookups), and a brief's words recur. Bounded: emptied when full.
const MEMO_LIMIT = 20_000;

/** The path of a font file inside its npm package. */
export function fontFile(pkg: string, file: string): string {
  return path.join(packageRoot(pkg), file);
}

function face(name: string, pkg: string, file: string): PdfFace {
  let loaded: fontkit.Font | undefined;
  const widths = new Map<string, number>();
  const font = (): fontkit.Font => {
    if (!loaded) {
      const opened = fontkit.openSync(fontFile(pkg, file));
      if (!('layout' in opened)) throw new Error(`${pkg}/${file} is a font collection, not a font`);
      loaded = compactCffSubsets(opened);
    }
    return loaded;
  };
  return {
    name,
    font,
    covers: (codePoint) => font().hasGlyphForCodePoint(codePoint),
    advance(text) {
      let width = widths.get(text);
      if (width === undefined) {
        if (widths.size >= MEMO_LIMIT) widths.clear();
        width = font().layout(text).advanceWidth / font().unitsPerEm;
        widths.set(text, width);
      }
      return width;
    },
    get ascent() {
      return font().ascent / font().unitsPerEm;
    },
    get descent() {
      return -font().descent / font().unitsPerEm;
    },
  };
}

const latin = '@embedpdf/fonts-latin';
const arabic = '@embedpdf/fonts-arabic';
const hebrew = '@embedpdf/fonts-hebrew';
const thai = '@fontsource/noto-sans-thai';
const hans = '@embedpdf/fonts-sc';
const korean = '@embedpdf/fonts-kr';

const regularRest: PdfFace[] = [
  face('NotoNaskhArabic', arabic, 'fonts/NotoNaskhArabic-Regular.ttf'),
  face('NotoSansHebrew', hebrew, 'fonts/NotoSansHebrew-Regular.ttf'),
  face('NotoSansThai', thai, 'files/noto-sans-thai-thai-400-normal.woff'),
  face('NotoSansHans', hans, 'fonts/NotoSansHans-Regular.otf'),
  face('NotoSansKR', korean, 'fonts/NotoSansKR-Regular.otf'),
];

/** Each style's chain, first choice first; italic exists for Latin, Greek and Cyrillic only. */
export const pdfFaces: Record<TextStyle, readonly PdfFace[]> = {
  regular: [face('NotoSans', latin, 'fonts/NotoSans-Regular.ttf'), ...regularRest],
  italic: [face('NotoSans-Italic', latin, 'fonts/NotoSans-Italic.ttf'), ...regularRest],
  bold: [
    face('NotoSans-Bold', latin, 'fonts/NotoSans-Bold.ttf'),
    face('NotoNaskhArabic-Bold', arabic, 'fonts/NotoNaskhArabic-Bold.ttf'),
    face('NotoSansHebrew-Bold', hebrew, 'fonts/NotoSansHebrew-Bold.ttf'),
    face('NotoSansThai-Bold', thai, 'files/noto-sans-thai-thai-700-normal.woff'),
    face('NotoSansHans-Bold', hans, 'fonts/NotoSansHans-Bold.otf'),
    face('NotoSansKR-Bold', korean, 'fonts/NotoSansKR-Bold.otf'),
  ],
};

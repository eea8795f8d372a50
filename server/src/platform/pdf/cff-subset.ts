// Smaller CFF subsets for pdfkit. fontkit subsets a CFF font by keeping its glyphs' charstrings and
// every subroutine index at full length, the unused entries emptied but still counted (a charstring
// calls a subroutine by its number). The CJK fonts' ideograph dictionary has 22,293 local
// subroutines, so one Chinese character cost a PDF about 42 KB. Here each kept charstring gets
// its subroutine calls replaced by the subroutines' code ("desubroutinised", as fontTools and
// HarfBuzz's subsetter can do), and the subset carries no subroutines at all.
import type * as fontkit from 'fontkit';

type Entry = { offset: number; length: number };
type PrivateDict = { Subrs?: Entry[] } | null;
// The parts of fontkit's CFF table and subset this relies on (fontkit 2: CFFFont, CFFSubset).
type CffTable = {
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex?: Entry[];
  getCharString(gid: number): Uint8Array;
  privateDictForGlyph(gid: number): PrivateDict;
};
type CffSubset = {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: Entry[], used: Record<number, boolean>): Uint8Array[];
};

const CALLSUBR = 10;
const RETURN = 11;
const ESCAPE = 12;
const ENDCHAR = 14;
const STEMS = new Set([1, 3, 18, 23]); // hstem vstem hstemhm vstemhm
const MASKS = new Set([19, 20]); // hintmask cntrmask
const CALLGSUBR = 29;
const MAX_DEPTH = 10; // the Type 2 charstring limit on nested calls

/** A subroutine's number is biased by how many there are (Type 2 charstrings, 4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

/** One number's value and length in bytes, at `i` (Type 2 charstrings, 3.2). */
function numberAt(code: Uint8Array, i: number): { value: number; length: number } {
  const b = code[i] ?? 0;
  const next = code[i + 1] ?? 0;
  if (b === 28) return { value: (((next << 8) | (code[i + 2] ?? 0)) << 16) >> 16, length: 3 };
  if (b <= 246) return { value: b - 139, length: 1 };
  if (b <= 250) return { value: (b - 247) * 256 + next + 108, length: 2 };
  if (b <= 254) return { value: -(b - 251) * 256 - next - 108, length: 2 };
  const fixed = ((next << 24) | ((code[i + 2] ?? 0) << 16) | ((code[i + 3] ?? 0) << 8) | (code[i + 4] ?? 0)) / 65536;
  return { value: fixed, length: 5 };
}

type State = { out: number[]; stack: { value: number; start: number }[]; stems: number };
type Subrs = { read(index: number): Uint8Array; count: number };

/** Copies `code` into `state.out` with every call replaced by the callee; true once the glyph has ended. */
function inline(code: Uint8Array, state: State, local: Subrs, global: Subrs, depth: number): boolean {
  if (depth > MAX_DEPTH) throw new Error('CFF subroutines nested too deep');
  let i = 0;
  while (i < code.length) {
    const b = code[i] ?? 0;
    if (b === 28 || b >= 32) {
      const { value, length } = numberAt(code, i);
      state.stack.push({ value, start: state.out.length });
      for (let k = 0; k < length; k++) state.out.push(code[i + k] ?? 0);
      i += length;
      continue;
    }
    if (b === CALLSUBR || b === CALLGSUBR) {
      const operand = state.stack.pop();
      if (!operand) throw new Error('CFF subroutine call without a number');
      state.out.length = operand.start; // the number was the last thing written
      const subrs = b === CALLSUBR ? local : global;
      if (inline(subrs.read(operand.value + bias(subrs.count)), state, local, global, depth + 1)) return true;
      i += 1;
      continue;
    }
    if (b === RETURN) return false;
    if (b === ENDCHAR) {
      state.out.push(b);
      return true;
    }
    if (STEMS.has(b) || MASKS.has(b)) state.stems += state.stack.length >> 1; // a width, if first, is the odd one out
    state.out.push(b);
    i += 1;
    if (b === ESCAPE) state.out.push(code[i++] ?? 0);
    if (MASKS.has(b)) {
      const bytes = (state.stems + 7) >> 3;
      for (let k = 0; k < bytes; k++) state.out.push(code[i++] ?? 0);
    }
    state.stack = [];
  }
  return false;
}

function reader(cff: CffTable, entries: Entry[] | undefined): Subrs {
  const list = entries ?? [];
  return {
    count: list.length,
    read(index) {
      const entry = list[index];
      if (!entry) throw new Error(`CFF subroutine ${index} does not exist`);
      cff.stream.pos = entry.offset;
      return cff.stream.readBuffer(entry.length);
    },
  };
}

/** The charstring of `gid` with no subroutine calls left. */
export function flatCharstring(cff: CffTable, gid: number): Uint8Array {
  const state: State = { out: [], stack: [], stems: 0 };
  inline(cff.getCharString(gid), state, reader(cff, cff.privateDictForGlyph(gid)?.Subrs), reader(cff, cff.globalSubrIndex), 0);
  return Uint8Array.from(state.out);
}

/** Makes the subsets pdfkit asks `font` for carry flattened charstrings and no subroutines; other fonts are left as they are. */
export function compactCffSubsets(font: fontkit.Font): fontkit.Font {
  const create = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = create() as unknown as Partial<CffSubset>;
    if (!subset.cff) return subset as unknown as fontkit.Subset;
    const cff = subset as CffSubset;
    cff.subsetCharstrings = function (this: CffSubset) {
      this.charstrings = this.glyphs.map((gid) => flatCharstring(this.cff, gid));
      this.gsubrs = [];
    };
    cff.subsetSubrs = () => [];
    return subset as unknown as fontkit.Subset;
  };
  return font;
}

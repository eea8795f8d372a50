// The prototype column of Unicode's confusables.txt (UTS #39, data v13.0), as shipped by `unhomoglyph`
// (nodeca, MIT): one source code point → its prototype string. Read, never fetched at run time.
import prototypeTable from 'unhomoglyph/data.json' with { type: 'json' };

const PROTOTYPES: Readonly<Record<string, string>> = prototypeTable;
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/gu;
const ASCII_DIGIT_RE = /^[0-9]$/;

export type SkeletonOptions = {
  /**
   * Keep ASCII digits as they are instead of mapping `0`→`O`, `1`→`l`. The confusable check needs the
   * mapping; telling an appended `1` (a digit) from an appended `l` (a letter) needs the digits kept.
   */
  keepDigits?: boolean;
};

/**
 * The UTS #39 skeleton: NFD, default-ignorable code points removed, each code point replaced by its
 * prototype, NFD again (UTS #39 §4). Two strings are confusable when their skeletons are equal; a
 * skeleton is for comparison only, never for display.
 * @example skeleton('KemIuRI') === skeleton('KemluRl') // both 'KernluRl'
 */
export function skeleton(text: string, options: SkeletonOptions = {}): string {
  const decomposed = text.normalize('NFD').replace(IGNORABLE_RE, '');
  let out = '';
  for (const ch of decomposed) {
    out += options.keepDigits && ASCII_DIGIT_RE.test(ch) ? ch : (PROTOTYPES[ch] ?? ch);
  }
  return out.normalize('NFD');
}

/** A character of a name that is not plain ASCII but looks like other characters. */
export type ConfusableCharacter = {
  char: string;
  /** `U+0430` */
  codePoint: string;
  /** What it is drawn like (its skeleton). */
  looksLike: string;
  /** 0-based index in code points of the original string. */
  index: number;
};

/** The non-ASCII characters of `text` whose skeleton is something else: the look-alikes to point at. */
export function confusableCharacters(text: string): ConfusableCharacter[] {
  const found: ConfusableCharacter[] = [];
  let index = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0x7f) {
      const looksLike = skeleton(char);
      if (looksLike !== '' && looksLike !== char.normalize('NFD')) {
        found.push({ char, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, looksLike, index });
      }
    }
    index++;
  }
  return found;
}

/** Count of invisible code points (zero-width spaces, joiners, variation selectors…): never in a real handle. */
export function invisibleCount(text: string): number {
  return text.match(IGNORABLE_RE)?.length ?? 0;
}

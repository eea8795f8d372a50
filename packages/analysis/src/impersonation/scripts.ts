// Mixed-script detection after UTS #39 §5.1: the resolved script set of a string is the intersection
// of its characters' augmented Script_Extensions; Common and Inherited characters belong to every
// script; a string whose resolved set is empty mixes scripts.

// The scripts a name can realistically be written in or borrow look-alikes from. A letter of any
// other script counts as a script of its own ('Other'), which is enough to call a Latin handle mixed.
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Cherokee', 'Coptic', 'Glagolitic', 'Gothic',
  'Old_Italic', 'Deseret', 'Osage', 'Runic', 'Ogham', 'Canadian_Aboriginal', 'Tifinagh', 'Lisu', 'Vai',
  'Bamum', 'Adlam', 'Nko', 'Ethiopic', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao',
  'Tibetan', 'Myanmar', 'Khmer', 'Mongolian', 'Javanese', 'Balinese', 'Sundanese', 'Buginese', 'Batak',
  'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul', 'Yi',
] as const;

const SCRIPT_RES = SCRIPTS.map((name) => [name, new RegExp(`^\\p{scx=${name}}$`, 'u')] as const);
const COMMON_RE = /^[\p{scx=Common}\p{scx=Inherited}]$/u;
const LETTER_OR_MARK_RE = /^[\p{L}\p{M}\p{N}]$/u;

// UTS #39 augments the sets so that Japanese, Korean and Chinese mixes are one writing system.
const AUGMENT: Record<string, string[]> = {
  Han: ['Han', 'Jpan', 'Kore', 'Hanb'],
  Hiragana: ['Hiragana', 'Jpan'],
  Katakana: ['Katakana', 'Jpan'],
  Hangul: ['Hangul', 'Kore'],
  Bopomofo: ['Bopomofo', 'Hanb'],
};

const cache = new Map<number, readonly string[] | null>();

/** The scripts of one character (augmented), or null when it is Common/Inherited (fits any script). */
function scriptsOfChar(ch: string): readonly string[] | null {
  const cp = ch.codePointAt(0)!;
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  let result: readonly string[] | null;
  const own = SCRIPT_RES.filter(([, re]) => re.test(ch)).map(([name]) => name);
  if (own.length > 0) result = own.flatMap((s) => AUGMENT[s] ?? [s]);
  else if (COMMON_RE.test(ch) || !LETTER_OR_MARK_RE.test(ch)) result = null;
  else result = ['Other'];
  cache.set(cp, result);
  return result;
}

export type ScriptMix = {
  /** True when no single writing system covers every letter (UTS #39 resolved script set is empty). */
  isMixed: boolean;
  /** The scripts the letters come from, in order of first appearance (Common/Inherited left out). */
  scripts: string[];
};

/**
 * Which scripts a name's letters come from, and whether they mix.
 * @example scriptMix('KemluRI').isMixed // false; scriptMix('Kеmlu').scripts // ['Latin', 'Cyrillic']
 */
export function scriptMix(text: string): ScriptMix {
  let all: Set<string> | null = null;
  let nonLatin: Set<string> | null = null;
  const scripts: string[] = [];
  const meet = (set: Set<string> | null, own: readonly string[]) => (set === null ? new Set(own) : new Set(own.filter((s) => set.has(s))));
  for (const ch of text.normalize('NFD')) {
    const own = scriptsOfChar(ch);
    if (own === null) continue;
    const primary = own[0]!;
    if (!scripts.includes(primary)) scripts.push(primary);
    all = meet(all, own);
    if (!own.includes('Latin')) nonLatin = meet(nonLatin, own);
  }
  // Latin with Japanese, Chinese (with Bopomofo) or Korean is UTS #39's "highly restrictive" level:
  // ordinary writing there, not a look-alike trick.
  const cjk = nonLatin !== null && ['Jpan', 'Hanb', 'Kore'].some((s) => nonLatin!.has(s));
  return { isMixed: all !== null && all.size === 0 && !cjk, scripts };
}

import { editDistance } from './edit-distance.ts';
import { skeleton } from './skeleton.ts';

// Separators and punctuation a reader skips over (`Kemlu_RI`, `kemlu.ri`, `Kemlu RI (Official)`), and
// combining marks, which at handle size are near invisible (`Kemlú`): folded out of the keys only.
const FOLD_RE = /[\p{P}\p{Z}\s]+|\p{Mn}/gu;

/**
 * Words an impersonator adds to an official name to look official or new. The ones the issue names
 * first, then common ones in Indonesian and English; compared on their keys, like the names.
 */
export const IMPERSONATION_WORDS: readonly string[] = [
  'official', 'resmi', 'embassy', 'kedubes', 'kemlu', 'gov', 'real', 'news',
  'the', 'info', 'asli', 'id', 'ri', 'indonesia', 'team', 'admin', 'support', 'help', 'hq', 'pusat',
  'press', 'media', 'update', 'updates', 'verified', 'akun', 'account', 'mfa', 'ministry', 'kbri', 'kjri',
  'dubes', 'consulate', 'konsulat', 'page', 'tv', 'live', 'go', 'online',
];

/** Comparison keys of one name. */
export type NameKeys = {
  /** Case-insensitive skeleton: `0`→`o`, `1`→`l`, `m`→`rn`, and `I`, `i`, `l` one letter (handles ignore case). */
  confusable: string;
  /** The same with ASCII digits kept, to tell an added `1` from a look-alike `l`. */
  digits: string;
  /** Lower case without skeleton, for counting edits: the skeleton turns one `m` into two letters. */
  plain: string;
};

export type KeyFamily = keyof NameKeys;
export const KEY_FAMILIES: readonly KeyFamily[] = ['confusable', 'digits', 'plain'];

// Skeleton, lower case, skeleton again (an upper-case letter may lower to a confusable one: `M`→`m`→`rn`),
// lower case; then `i` joins `l`, since `I` and `l` are the same skeleton and a handle ignores case.
function canonical(text: string, keepDigits: boolean): string {
  const once = skeleton(text, { keepDigits }).toLowerCase();
  return skeleton(once, { keepDigits }).toLowerCase().replace(FOLD_RE, '').replaceAll('i', 'l');
}

/** The keys two names are compared on. */
export function nameKeys(name: string): NameKeys {
  return {
    confusable: canonical(name, false),
    digits: canonical(name, true),
    plain: name.normalize('NFKC').toLowerCase().replace(FOLD_RE, ''),
  };
}

// Each key of each listed word → the word as listed, so the evidence names the word, not its key.
const WORD_KEYS = new Map(IMPERSONATION_WORDS.flatMap((w) => Object.values(nameKeys(w)).map((k) => [k, w] as const)));
const LONGEST_WORD = Math.max(...[...WORD_KEYS.keys()].map((w) => w.length));
const DIGITS_RE = /^[0-9]+$/;

/** What an added piece of a name is made of. */
export type AddedKind = 'listed-words' | 'digits' | 'other';

/** Splits `piece` into listed words and digit runs when it can be; `other` otherwise. */
export function classifyAdded(piece: string): { kind: AddedKind; words: string[] } {
  if (DIGITS_RE.test(piece)) return { kind: 'digits', words: [piece] };
  // split[i]: a split of piece[0..i) into listed words and digit runs, or undefined.
  const split: (string[] | undefined)[] = [[]];
  for (let i = 1; i <= piece.length; i++) {
    for (let j = Math.max(0, i - LONGEST_WORD); j < i && split[i] === undefined; j++) {
      const prefix = split[j];
      const part = piece.slice(j, i);
      const word = DIGITS_RE.test(part) ? part : WORD_KEYS.get(part);
      if (prefix && word !== undefined) split[i] = [...prefix, word];
    }
  }
  const words = split[piece.length];
  return words ? { kind: 'listed-words', words } : { kind: 'other', words: [piece] };
}

/** How a seen name relates to an official one, on one pair of keys. */
export type KeyRelation =
  | { kind: 'same' }
  | { kind: 'added'; added: string; addedKind: AddedKind; words: string[] }
  | { kind: 'edited'; distance: number };

const ADDED_RANK: Record<AddedKind, number> = { 'listed-words': 0, digits: 0, other: 1 };

/**
 * `seen` is `official` with one contiguous piece added (before, inside or after), or within
 * `maxEdits` edits of it, or unrelated (undefined).
 */
export function relateKeys(seen: string, official: string, maxEdits: number): KeyRelation | undefined {
  if (seen === official) return { kind: 'same' };
  const extra = seen.length - official.length;
  if (extra > 0 && official.length > 0) {
    let prefix = 0;
    while (prefix < official.length && seen[prefix] === official[prefix]) prefix++;
    let suffix = 0;
    while (suffix < official.length && seen[seen.length - 1 - suffix] === official[official.length - 1 - suffix]) suffix++;
    if (prefix + suffix >= official.length) {
      let found: KeyRelation | undefined;
      for (let at = Math.max(0, official.length - suffix); at <= prefix; at++) {
        const added = seen.slice(at, at + extra);
        const { kind, words } = classifyAdded(added);
        if (!found || (found.kind === 'added' && ADDED_RANK[kind] < ADDED_RANK[found.addedKind])) {
          found = { kind: 'added', added, addedKind: kind, words };
        }
      }
      // A piece of one or two characters that is no word is just an edit (`japarn`: an `m` for an `n`).
      if (found?.kind === 'added' && found.addedKind === 'other' && extra <= maxEdits) return { kind: 'edited', distance: extra };
      if (found) return found;
    }
  }
  if (maxEdits <= 0) return undefined;
  const distance = editDistance(seen, official, maxEdits);
  return distance <= maxEdits ? { kind: 'edited', distance } : undefined;
}

import { type AddedKind, classifyAdded, KEY_FAMILIES, type KeyRelation, type NameKeys, nameKeys, relateKeys } from './name-keys.ts';
import { scriptMix } from './scripts.ts';
import { type ConfusableCharacter, confusableCharacters, invisibleCount, skeleton } from './skeleton.ts';

/** An account as listening sees it, or as the registry of official accounts holds it. */
export type AccountName = {
  platform: string;
  handle: string;
  displayName?: string;
  /** The platform's own account id, when known: the same id is the same account whatever its handle. */
  id?: string;
};

export type NameField = 'handle' | 'displayName';

/** One piece of evidence, with the points it adds to the score (negative: it speaks against). */
export type ImpersonationReason = { field: NameField; points: number } & (
  | { code: 'same-skeleton' }
  | { code: 'added-text'; addedKind: AddedKind; words: string[] }
  | { code: 'edit-distance'; distance: number }
  | { code: 'confusable-characters'; characters: ConfusableCharacter[] }
  | { code: 'mixed-script'; scripts: string[] }
  | { code: 'invisible-characters'; count: number }
  | { code: 'display-name-differs' }
);

export type ImpersonationAssessment = {
  /** `official`: one of the registry's accounts; `finding`: looks like an impersonation; `clear`: neither. */
  verdict: 'official' | 'finding' | 'clear';
  /** 0–1; a finding from `threshold` (default 0.5) up. */
  score: number;
  /** The official account it imitates best, for the side-by-side view. */
  official?: AccountName;
  reasons: ImpersonationReason[];
  /** The UTS #39 skeletons compared, side by side. */
  skeletons?: { seen: { handle: string; displayName?: string }; official: { handle: string; displayName?: string } };
};

export type ImpersonationOptions = {
  /** Score from which an account is a finding. Default 0.5 (3 points of 6). */
  threshold?: number;
};

export type ImpersonationDetector = {
  assess(seen: AccountName): ImpersonationAssessment;
};

type Prepared = { account: AccountName; handle: NameKeys; display?: NameKeys };
type Seen = { account: AccountName; handle: NameKeys; display?: NameKeys; stripped: { core: NameKeys; words: string[] }[] };

// Points per kind of evidence: 6 is a score of 1, a finding needs 3 (ADR 0024).
const POINTS = {
  handleSame: 4,
  handleAddedListed: 3.5,
  handleAddedOther: 3,
  handleAddedOtherShort: 2,
  handleEditClose: 3.5,
  handleEdit: 3,
  handleEditFar: 2.5,
  displaySameWithHandle: 2,
  displaySameAlone: 3.5,
  displayAddedWithHandle: 1.5,
  displayAddedAlone: 3,
  displayEditedWithHandle: 1.5,
  displayEditedAlone: 2,
  displayDiffers: -1.5,
  mixedScript: 1,
  confusables: 0.5,
  invisible: 1,
  full: 6,
} as const;

// A display name copied from an official one counts on its own only from this key length: short ones
// ('Indonesia', 'KBRI') are too common to say anything. Below 8 letters, a handle with an unknown
// added piece is as likely a fan or news account (`Menlu_RI` + `watch`).
const DISPLAY_ALONE_MIN = 10;
const ADDED_OTHER_MIN = 8;

const lower = (s: string) => s.normalize('NFC').toLowerCase();
const bare = (handle: string) => handle.replace(/^@/, '');
const platformKey = (a: AccountName, value: string) => `${a.platform.toLowerCase()}\u0000${value}`;

function maxHandleEdits(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

function maxDisplayEdits(length: number): number {
  return length >= DISPLAY_ALONE_MIN ? Math.max(1, Math.floor(length / 10)) : 0;
}

const RANK = (r: KeyRelation) => (r.kind === 'same' ? 0 : r.kind === 'added' ? (r.addedKind === 'other' ? 2 : 1) : 2 + r.distance);

/** The closest relation of `seen` to `official` over the key families (same < added word < edits). */
function relate(seen: NameKeys, official: NameKeys, maxEdits: (len: number) => number): KeyRelation | undefined {
  let best: KeyRelation | undefined;
  for (const family of KEY_FAMILIES) {
    const r = relateKeys(seen[family], official[family], maxEdits(official[family].length));
    if (r && (!best || RANK(r) < RANK(best))) best = r;
  }
  return best;
}

/** Edits weigh by how much of the name they change: one edit in 16 letters says more than in 5. */
function editPoints(distance: number, length: number): number {
  const similarity = 1 - distance / Math.max(1, length);
  return similarity >= 0.9 ? POINTS.handleEditClose : similarity >= 0.8 ? POINTS.handleEdit : POINTS.handleEditFar;
}

/** Listed words or digits peeled off the ends of a key (`reallkernlurj1` → `kernlurj`), when any. */
function stripAffixes(key: string): { core: string; words: string[] } | undefined {
  let core = key;
  const words: string[] = [];
  const peel = (): boolean => {
    // Longest piece first, so that `officialnews` goes in one step; a core of 4 stays.
    for (let cut = Math.min(16, core.length - 4); cut >= 2; cut--) {
      for (const head of [true, false]) {
        const piece = head ? core.slice(0, cut) : core.slice(core.length - cut);
        const added = classifyAdded(piece);
        if (added.kind === 'other') continue;
        words.push(...added.words);
        core = head ? core.slice(cut) : core.slice(0, core.length - cut);
        return true;
      }
    }
    return false;
  };
  while (peel()) {}
  return words.length ? { core, words } : undefined;
}

function prepareSeen(account: AccountName): Seen {
  const handle = nameKeys(bare(account.handle));
  const stripped = stripAffixes(handle.digits);
  return {
    account,
    handle,
    ...(account.displayName?.trim() ? { display: nameKeys(account.displayName) } : {}),
    stripped: stripped ? [{ core: { confusable: stripped.core, digits: stripped.core, plain: stripped.core }, words: stripped.words }] : [],
  };
}

function handleEvidence(seen: Seen, official: NameKeys): ImpersonationReason[] {
  const r = relate(seen.handle, official, maxHandleEdits);
  const field = 'handle';
  const length = official.confusable.length;
  if (r?.kind === 'same') return [{ field, points: POINTS.handleSame, code: 'same-skeleton' }];
  if (r?.kind === 'added') {
    const otherPoints = length >= ADDED_OTHER_MIN && r.added.length <= length ? POINTS.handleAddedOther : POINTS.handleAddedOtherShort;
    const points = r.addedKind === 'other' ? otherPoints : POINTS.handleAddedListed;
    return [{ field, points, code: 'added-text', addedKind: r.addedKind, words: r.words }];
  }
  if (r?.kind === 'edited') return [{ field, points: editPoints(r.distance, length), code: 'edit-distance', distance: r.distance }];
  // An added word and an edit together (`Real_KemluRJ`): peel the words off, then count the edits.
  for (const { core, words } of seen.stripped) {
    const c = relateKeys(core.digits, official.digits, maxHandleEdits(official.digits.length));
    if (c?.kind === 'edited') {
      return [
        { field, points: editPoints(c.distance, length), code: 'added-text', addedKind: 'listed-words', words },
        { field, points: 0, code: 'edit-distance', distance: c.distance },
      ];
    }
  }
  return [];
}

function displayEvidence(seen: NameKeys, official: Prepared, withHandle: boolean): ImpersonationReason[] {
  const field = 'displayName';
  const fromDisplay = official.display ? relate(seen, official.display, maxDisplayEdits) : undefined;
  const long = (official.display?.confusable.length ?? 0) >= DISPLAY_ALONE_MIN;
  if (fromDisplay?.kind === 'same') {
    const points = withHandle ? POINTS.displaySameWithHandle : long ? POINTS.displaySameAlone : 0;
    return points ? [{ field, points, code: 'same-skeleton' }] : [];
  }
  if (fromDisplay?.kind === 'added' && fromDisplay.addedKind !== 'other') {
    const points = withHandle ? POINTS.displayAddedWithHandle : long ? POINTS.displayAddedAlone : 0;
    return points ? [{ field, points, code: 'added-text', addedKind: fromDisplay.addedKind, words: fromDisplay.words }] : [];
  }
  if (fromDisplay?.kind === 'edited') {
    return [{ field, points: withHandle ? POINTS.displayEditedWithHandle : POINTS.displayEditedAlone, code: 'edit-distance', distance: fromDisplay.distance }];
  }
  if (!withHandle) return [];
  // The display name may echo the official handle instead of its display name (`Kemlu RI News`).
  const echo = relate(seen, official.handle, () => 0);
  if (echo?.kind === 'same') return [{ field, points: POINTS.displayAddedWithHandle, code: 'same-skeleton' }];
  if (echo?.kind === 'added' && echo.addedKind !== 'other') {
    return [{ field, points: POINTS.displayAddedWithHandle, code: 'added-text', addedKind: echo.addedKind, words: echo.words }];
  }
  return [];
}

/** Look-alike characters, mixed scripts and invisible characters in one field: they add to a resemblance. */
function characterEvidence(text: string, field: NameField): ImpersonationReason[] {
  const reasons: ImpersonationReason[] = [];
  const mix = scriptMix(text);
  if (mix.isMixed) reasons.push({ field, points: POINTS.mixedScript, code: 'mixed-script', scripts: mix.scripts });
  const characters = confusableCharacters(text);
  if (characters.length) reasons.push({ field, points: POINTS.confusables, code: 'confusable-characters', characters });
  const invisible = invisibleCount(text);
  if (invisible) reasons.push({ field, points: POINTS.invisible, code: 'invisible-characters', count: invisible });
  return reasons;
}

function assessAgainst(seen: Seen, official: Prepared): ImpersonationReason[] {
  const handle = handleEvidence(seen, official.handle);
  const display = seen.display ? displayEvidence(seen.display, official, handle.length > 0) : [];
  if (handle.length === 0 && display.length === 0) return [];
  // Edits and unknown added text are how other real accounts differ too (`IndonesianInJapan`, a
  // community): when such an account also shows a display name of its own, it speaks against.
  const weak = handle.some((r) => r.code === 'edit-distance' || (r.code === 'added-text' && r.addedKind === 'other'));
  if (weak && display.length === 0 && seen.display && official.display) {
    display.push({ field: 'displayName', points: POINTS.displayDiffers, code: 'display-name-differs' });
  }
  const name = seen.account.displayName;
  return [
    ...handle,
    ...display,
    ...(handle.length ? characterEvidence(bare(seen.account.handle), 'handle') : []),
    ...(name && display.some((r) => r.points > 0) ? characterEvidence(name, 'displayName') : []),
  ];
}

const total = (reasons: readonly ImpersonationReason[]) => reasons.reduce((t, r) => t + r.points, 0);

/**
 * Compares accounts seen in listening with a registry of official accounts on UTS #39 skeletons:
 * same skeleton, added words or digits, one or two edits, copied display names, mixed scripts.
 * The registry's accounts themselves, and the same handle on another platform, are never findings.
 * @example createImpersonationDetector([{ platform: 'x', handle: 'KemluRI' }]).assess({ platform: 'x', handle: 'KemIuRI' }).verdict // 'finding'
 */
export function createImpersonationDetector(officials: readonly AccountName[], options: ImpersonationOptions = {}): ImpersonationDetector {
  const threshold = options.threshold ?? 0.5;
  const prepared: Prepared[] = officials.map((account) => ({
    account,
    handle: nameKeys(bare(account.handle)),
    ...(account.displayName?.trim() ? { display: nameKeys(account.displayName) } : {}),
  }));
  const exact = new Set(officials.map((o) => platformKey(o, lower(bare(o.handle)))));
  const ids = new Set(officials.filter((o) => o.id).map((o) => platformKey(o, o.id!)));
  const handles = new Set(officials.map((o) => lower(bare(o.handle))));

  return {
    assess(account) {
      if (exact.has(platformKey(account, lower(bare(account.handle)))) || (account.id && ids.has(platformKey(account, account.id)))) {
        return { verdict: 'official', score: 0, reasons: [] };
      }
      // The same handle on another platform is most likely the ministry's own account there.
      if (handles.has(lower(bare(account.handle)))) return { verdict: 'clear', score: 0, reasons: [] };
      const seen = prepareSeen(account);
      let best: { official: AccountName; reasons: ImpersonationReason[]; points: number } | undefined;
      for (const official of prepared) {
        const reasons = assessAgainst(seen, official);
        const points = total(reasons);
        if (reasons.length && (!best || points > best.points)) best = { official: official.account, reasons, points };
      }
      if (!best) return { verdict: 'clear', score: 0, reasons: [] };
      const score = Math.max(0, Math.min(1, best.points / POINTS.full));
      const o = best.official;
      return {
        verdict: score >= threshold ? 'finding' : 'clear',
        score,
        official: o,
        reasons: best.reasons,
        skeletons: {
          seen: { handle: skeleton(bare(account.handle)), ...(account.displayName ? { displayName: skeleton(account.displayName) } : {}) },
          official: { handle: skeleton(bare(o.handle)), ...(o.displayName ? { displayName: skeleton(o.displayName) } : {}) },
        },
      };
    },
  };
}

/** One-off form of {@link createImpersonationDetector}; build the detector once to assess many accounts. */
export function assessImpersonation(seen: AccountName, officials: readonly AccountName[], options: ImpersonationOptions = {}): ImpersonationAssessment {
  return createImpersonationDetector(officials, options).assess(seen);
}

// Password quality: zxcvbn-ts with its common-password, English and Indonesian dictionaries, plus a
// short list of passwords that Indonesian users are known to pick and that those dictionaries miss.
// Pure and synchronous; the server runs it on its own thread (password-quality.ts) because one
// check can take a few hundred milliseconds.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as id from '@zxcvbn-ts/language-id';

/** zxcvbn's 0–4 score; 3 means "safely unguessable" against an online attack and slows an offline one. */
export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export type PasswordAssessment = {
  score: PasswordScore;
  /** zxcvbn-ts's warning key (e.g. `common`, `similarToCommon`, `userInputs`), or null. */
  warning: string | null;
  /** zxcvbn-ts's suggestion keys (e.g. `anotherWord`, `capitalization`). */
  suggestions: string[];
};

// Words and phrases common in Indonesian passwords (affection, religion, nation, the ministry's
// own vocabulary) that the packaged dictionaries rank too low or not at all.
const indonesianCommon = [
  'akucintakamu', 'akusayangkamu', 'sayangku', 'sayang', 'cintaku', 'cinta', 'kasih', 'rahasia', 'bismillah',
  'alhamdulillah', 'assalamualaikum', 'insyaallah', 'indonesia', 'indonesiaraya', 'merdeka', 'garuda', 'pancasila',
  'bhinnekatunggalika', 'jakarta', 'surabaya', 'bandung', 'nusantara', 'kemlu', 'kementerianluarnegeri',
  'kedutaanbesar', 'kedubes', 'konsulat', 'diplomat', 'diplomasi', 'katasandi', 'katakunci', 'masuk', 'selamatdatang',
];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary, 'indonesian-common': indonesianCommon },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory;
}

/**
 * How guessable a password is, given words the attacker would try first for this account
 * (its e-mail, name, the organisation, the product).
 * @example assessPassword('rahasia123456', ['a@mfa.example']).score // 1
 */
export function assessPassword(password: string, userInputs: readonly string[] = []): PasswordAssessment {
  // Each input whole, word by word, and run together ("Budi Santoso" → "budisantoso"), since a
  // password built from a name seldom keeps its spaces.
  const inputs = userInputs
    .flatMap((s) => {
      const lower = s.toLowerCase();
      const local = lower.split('@')[0] ?? lower;
      return [s, ...lower.split(/[^\p{L}\p{N}]+/u), local.replace(/[^\p{L}\p{N}]+/gu, ''), lower.replace(/[^\p{L}\p{N}]+/gu, '')];
    })
    .filter((s) => s.length >= 3);
  const result = zxcvbn().check(password, [...inputs, 'diplodesk']);
  return { score: result.score as PasswordScore, warning: result.feedback.warning ?? null, suggestions: [...result.feedback.suggestions] };
}

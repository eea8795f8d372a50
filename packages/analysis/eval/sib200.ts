import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The 8 SIB-200 test files in ../shared/data/sib200 and the BCP 47 tag each should get. */
export const SIB200_LANGUAGES: Record<string, string> = {
  ind_Latn: 'id',
  zsm_Latn: 'ms',
  eng_Latn: 'en',
  arb_Arab: 'ar',
  zho_Hans: 'zh',
  fra_Latn: 'fr',
  spa_Latn: 'es',
  rus_Cyrl: 'ru',
};

/** Sentences of one SIB-200 file (`index_id<TAB>category<TAB>text`), or undefined when absent. */
export function readSib200(dataDir: string, file: string): string[] | undefined {
  const path = join(dataDir, 'sib200', `${file}.tsv`);
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n').slice(1);
  return lines.filter((l) => l.trim() !== '').map((l) => l.split('\t').slice(2).join('\t'));
}

/** The six regional files in ../shared/data/sib200-regional and their BCP 47 tags. */
export const SIB200_REGIONAL: Record<string, string> = {
  jav_Latn: 'jv',
  sun_Latn: 'su',
  min_Latn: 'min',
  ban_Latn: 'ban',
  ace_Latn: 'ace',
  bjn_Latn: 'bjn',
};

export type Sib200Row = { indexId: number; category: string; text: string };

/**
 * The split the regional language model keeps to: a FLORES sentence id divisible by 3 is held out
 * (never learnt from, reported on); the others may be learnt from. The ids are the same in every
 * language's file, so no translation of a held-out sentence is learnt either.
 */
export function isHeldOut(indexId: number): boolean {
  return indexId % 3 === 0;
}

/** Rows of a SIB-200 file under `folder` ('sib200' or 'sib200-regional'), or undefined when absent. */
export function readSib200Rows(dataDir: string, folder: string, file: string): Sib200Row[] | undefined {
  const path = join(dataDir, folder, `${file}.tsv`);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const [id, category, ...rest] = line.split('\t');
      return id && category && rest.length ? [{ indexId: Number(id), category, text: rest.join('\t') }] : [];
    });
}

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

// Builds src/sentiment/sentiment-model.json, the weights of src/sentiment/learnt.ts for English and
// Indonesian, from the NusaX sentiment sentences in ../shared/data/nusax (CC-BY-SA-4.0; the English
// file is the parallel translation of the Indonesian one, with the same labels).
// Run: DIPLODESK_EVAL_DATA=/path/to/shared/data npx tsx packages/analysis/scripts/build-sentiment-model.ts
// `npm run eval` reports the method cross-fitted: each half of the ids labelled by weights learnt
// from the other half (src/sentiment/train-learnt.ts), never by weights that saw the sentence.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNusaxRows } from '../eval/sentiment.ts';
import { trainSentimentWeights } from '../src/sentiment/train-learnt.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.env.DIPLODESK_EVAL_DATA ?? path.join(here, '../../../../shared/data'));
const out = path.join(here, '../src/sentiment/sentiment-model.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const en = readNusaxRows(dataDir, 'english');
  const id = readNusaxRows(dataDir, 'indonesian');
  if (!en || !id) throw new Error(`nusax/ not found under ${dataDir} (set DIPLODESK_EVAL_DATA)`);
  const model = { en: trainSentimentWeights('en', en), id: trainSentimentWeights('id', id) };
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  console.log(`en ${Object.keys(model.en).length} / id ${Object.keys(model.id).length} features → ${path.relative(process.cwd(), out)}`);
}

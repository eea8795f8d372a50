// Builds src/claims/claim-model.json, the re-ranker and default thresholds of the claim matcher, from
// the TRAINING tweets of ../shared/data/claims-clef2020 (and, as posts that repeat no claim, the
// English SIB-200 sentences whose ids are not held out). The dev split is never read.
// Run: DIPLODESK_EVAL_DATA=/path/to/shared/data npx tsx packages/analysis/scripts/build-claim-model.ts
// Thresholds come from cross-fitted scores (each fold scored by a model that did not see it):
// auto-link = the lowest from which on linked posts are ≥ 97 % right and no unrelated post passes;
// suggest = the lowest from which on they are ≥ 90 % right and ≤ 2 % of unrelated posts pass.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossFit, duplicateGroups, fitModel, trainingSet, unrelatedPosts } from '../eval/claim-matching.ts';
import { readClef2020 } from '../eval/clef2020.ts';
import { createClaimMatcher } from '../src/claims/matcher.ts';
import { AUTO_LINK_TARGETS, chooseThresholds, linkQuality, SUGGEST_TARGETS } from '../src/claims/train-claim-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.env.DIPLODESK_EVAL_DATA ?? path.join(here, '../../../../shared/data'));
const out = path.join(here, '../src/claims/claim-model.json');

const round = (x: number) => Number(x.toFixed(4));
const rounded = (m: { bias: number; weights: Record<string, number> }) => ({
  bias: round(m.bias),
  weights: Object.fromEntries(Object.entries(m.weights).map(([k, v]) => [k, round(v)])),
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const data = readClef2020(dataDir);
  if (!data) throw new Error(`claims-clef2020/ not found under ${dataDir} (set DIPLODESK_EVAL_DATA)`);
  const train = data.queries.train;
  const matcher = createClaimMatcher({ model: null });
  for (const claim of data.claims) matcher.add(claim);
  const set = trainingSet(matcher, train, unrelatedPosts(dataDir, 'selection'), duplicateGroups(data.claims));
  const model = fitModel(set);
  const fitted = crossFit(set);
  // What each threshold would give, for the settings screen (cross-fitted on train).
  const rate = (xs: number[], t: number) => round(xs.filter((x) => x >= t).length / Math.max(1, xs.length));
  const curve = Array.from({ length: 19 }, (_, i) => (i + 1) / 20).map((threshold) => {
    const q = linkQuality(fitted.tops, threshold);
    return {
      threshold,
      precision: round(q.precision),
      recall: round(q.recall),
      unregisteredLinked: rate(fitted.unregistered, threshold),
      unrelatedLinked: rate(fitted.unrelated, threshold),
    };
  });
  const thresholds = chooseThresholds(fitted.tops, fitted.unregistered, fitted.unrelated);
  const file = {
    source: `CLEF 2020 CheckThat! 2 train (${train.length} tweets, with and without their claim registered; ${data.claims.length} claims) + ${set.unrelated.length} SIB-200 English sentences as unrelated posts; built by scripts/build-claim-model.ts`,
    ranker: rounded(model.ranker),
    calibrator: rounded(model.calibrator),
    thresholds,
    targets: { autoLink: AUTO_LINK_TARGETS, suggest: SUGGEST_TARGETS },
    curve,
  };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  for (const [name, t] of Object.entries(thresholds)) {
    const q = linkQuality(fitted.tops, t);
    console.log(`${name} ≥ ${t}: precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)} (cross-fitted on train)`);
  }
  console.log(`→ ${path.relative(process.cwd(), out)}`);
}

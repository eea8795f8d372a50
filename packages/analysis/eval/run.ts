// `npm run eval`: accuracy of the analysis package on the public labelled sets in ../shared/data
// (see that folder's README; nothing from it is copied into the project). Prints one table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateClaimMatching } from './claim-matching.ts';
import { evaluateCoordination } from './coordination.ts';
import { evaluateForecast } from './forecast.ts';
import { evaluateImpersonation } from './impersonation.ts';
import { evaluateLanguage } from './language.ts';
import { evaluateNearDuplicates } from './neardup.ts';
import { evaluateSentiment } from './sentiment.ts';
import { evaluateSpikeAlerts } from './spike-alerts.ts';
import { evaluateTopics } from './topics.ts';
import { evaluateUnAlignment } from './un-alignment.ts';
import { evaluateUnRollCalls } from './un-rollcalls.ts';
import type { EvalRow } from './types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(process.env.DIPLODESK_EVAL_DATA ?? path.join(repoRoot, '../shared/data'));

const hasData = fs.existsSync(dataDir);
// Evaluations on generated sets only: they run with or without the data folder.
const needsNoData = new Set(['impersonation']);
if (!hasData) console.log(`No evaluation data at ${dataDir} (set DIPLODESK_EVAL_DATA): only the generated sets are evaluated.`);

const evaluators: [string, () => Promise<EvalRow[]>][] = [
  ['language', () => evaluateLanguage(dataDir)],
  ['sentiment', () => evaluateSentiment(dataDir)],
  ['topics', () => evaluateTopics(dataDir)],
  ['topics (UN roll calls)', () => evaluateUnRollCalls(dataDir)],
  ['near-duplicates', () => evaluateNearDuplicates(dataDir)],
  ['spike alerts', () => evaluateSpikeAlerts(dataDir)],
  ['forecast', () => evaluateForecast(dataDir)],
  ['UN alignment', () => evaluateUnAlignment(dataDir)],
  ['claim matching', () => evaluateClaimMatching(dataDir)],
  ['coordination', () => evaluateCoordination(dataDir)],
  ['impersonation', () => evaluateImpersonation()],
];

// `npm run eval -- claim coordination`: only the evaluations whose name contains one of the words.
const only = process.argv.slice(2).map((a) => a.toLowerCase());
const rows: EvalRow[] = [];
for (const [name, run] of evaluators) {
  if (!hasData && !needsNoData.has(name)) continue;
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  const started = performance.now();
  const got = await run();
  rows.push(...got);
  console.error(`${name}: ${got.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));
const table = rows.map((r) => [r.task, r.dataset, r.language, r.metric, fmt(r.value), fmt(r.baseline), String(r.n), r.note ?? '']);
const head = ['task', 'dataset', 'language', 'metric', 'value', 'baseline', 'n', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));
for (const r of rows) console.log(JSON.stringify({ eval: r.task, ...r }));

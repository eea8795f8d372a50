import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyTopics, DEFAULT_TAXONOMY, type Taxonomy, trainTopicModel } from '../src/topics/index.ts';
import { parseCsv } from './sentiment.ts';
import type { EvalRow } from './types.ts';

/** Voeten's issue codes and the default taxonomy's topics for them. */
const ISSUE_TOPIC: Readonly<Record<string, string>> = {
  di: 'arms-control',
  me: 'palestinian-conflict',
  hr: 'human-rights',
  co: 'colonialism',
  nu: 'nuclear',
  ec: 'economic-development',
};
/** Sessions before this one are learnt from; this one and later are reported (1946–2019: sessions 1–74). */
export const FIRST_TEST_SESSION = 58;

type RollCall = { session: number; text: string; topics: string[] };

/** Roll calls with their description (short title and description) and gold topics; undefined when absent. */
export function readRollCalls(dataDir: string): RollCall[] | undefined {
  const dir = join(dataDir, 'un_rollcalls');
  if (!existsSync(join(dir, 'roll_calls.csv')) || !existsSync(join(dir, 'issues.csv'))) return undefined;
  const issues = new Map<string, Set<string>>();
  for (const r of parseCsv(readFileSync(join(dir, 'issues.csv'), 'utf8'))) {
    const topic = ISSUE_TOPIC[r.short_name ?? ''];
    if (!r.rcid || !topic) continue;
    const set = issues.get(r.rcid) ?? new Set<string>();
    set.add(topic);
    issues.set(r.rcid, set);
  }
  return parseCsv(readFileSync(join(dir, 'roll_calls.csv'), 'utf8')).flatMap((r) => {
    const text = [r.short, r.descr].filter((x) => x && x !== 'NA').join('. ');
    return r.rcid && text ? [{ session: Number(r.session), text, topics: [...(issues.get(r.rcid) ?? [])] }] : [];
  });
}

/** Multi-label macro-F1 over the classes: per class, the items predicted and the items labelled with it. */
function macroF1(gold: readonly string[][], pred: readonly string[][], classes: readonly string[]): { macro: number; perClass: number[] } {
  const perClass = classes.map((c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const inGold = g.includes(c);
      const inPred = pred[i]!.includes(c);
      if (inGold && inPred) tp++;
      else if (inPred) fp++;
      else if (inGold) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return { macro: perClass.reduce((a, b) => a + b, 0) / classes.length, perClass };
}

/**
 * The six UN issue topics of the default taxonomy on UN General Assembly roll-call descriptions:
 * learnt from the sessions before FIRST_TEST_SESSION, reported on that session and later (all
 * roll calls, those with none of the six issues included). [] when the data is absent.
 */
export async function evaluateUnRollCalls(dataDir: string): Promise<EvalRow[]> {
  const all = readRollCalls(dataDir);
  if (!all) return [];
  const classes = Object.values(ISSUE_TOPIC);
  const taxonomy: Taxonomy = DEFAULT_TAXONOMY.filter((t) => classes.includes(t.id));
  const train = all.filter((r) => r.session < FIRST_TEST_SESSION);
  const test = all.filter((r) => r.session >= FIRST_TEST_SESSION);
  const gold = test.map((r) => r.topics);
  const language = 'en';
  const variants = [
    ['keywords', undefined],
    ['keywords+NB (keyword-bootstrapped)', trainTopicModel(taxonomy, train.map((r) => r.text), { language })],
    ['keywords+NB (learnt from the earlier sessions\u2019 labels)', trainTopicModel(taxonomy, train.map((r) => r.text), { language, labels: train.map((r) => r.topics) })],
  ] as const;
  const rows: EvalRow[] = [];
  const results = variants.map(([name, model]) => {
    const pred = test.map((r) => classifyTopics(r.text, taxonomy, model ? { language, model } : { language }).map((t) => t.id));
    return { name, ...macroF1(gold, pred, classes) };
  });
  const [keywords, ...withModel] = results;
  const perClass = (r: (typeof results)[number]) => classes.map((c, i) => `${c} ${r.perClass[i]!.toFixed(2)}`).join(', ');
  const split = `sessions 1–${FIRST_TEST_SESSION - 1} learnt from (${train.length} roll calls), ${FIRST_TEST_SESSION}–74 reported`;
  // The shipped default: the taxonomy's keywords, as the cooperation finder reads roll calls.
  rows.push({
    task: 'topics',
    dataset: 'un-rollcalls',
    language,
    metric: 'macro-F1',
    value: keywords!.macro,
    n: test.length,
    note: `default taxonomy keywords (written from the earlier sessions); ${split}; multi-label over the six issues, roll calls without any included; per class: ${perClass(keywords!)}; before: none of these topics but human rights`,
  });
  for (const r of withModel) {
    rows.push({ task: 'topics', dataset: 'un-rollcalls', language, metric: 'macro-F1', value: r.macro, baseline: keywords!.macro, n: test.length, note: `${r.name}; ${split}; per class: ${perClass(r)}; baseline = keywords alone` });
  }
  return rows;
}

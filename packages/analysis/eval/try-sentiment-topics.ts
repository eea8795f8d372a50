import { evaluateSentiment } from './sentiment.ts';
import { evaluateTopics } from './topics.ts';

// Ad-hoc runner until the shared `npm run eval` exists: npx tsx packages/analysis/eval/try-sentiment-topics.ts
const dataDir = new URL('../../../../shared/data', import.meta.url).pathname;
const rows = [...(await evaluateSentiment(dataDir)), ...(await evaluateTopics(dataDir))];
console.table(rows.map((r) => ({ ...r, value: r.value.toFixed(3), baseline: r.baseline?.toFixed(3) })));

import { evaluateLanguage } from './language.ts';
import { evaluateNearDuplicates } from './neardup.ts';

// Ad-hoc runner until the shared `npm run eval` exists: npx tsx packages/analysis/eval/try-language.ts
const dataDir = new URL('../../../../shared/data', import.meta.url).pathname;
console.table(await evaluateLanguage(dataDir));
console.table(await evaluateNearDuplicates(dataDir));

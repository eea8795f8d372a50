// Regenerates the catalogue table of docs/api-errors.md from packages/contracts (npm run docs:errors).
import fs from 'node:fs';
import { errorCatalogue } from '../packages/contracts/src/errors.ts';

const file = new URL('../docs/api-errors.md', import.meta.url);
const text = fs.readFileSync(file, 'utf8');
const rows = Object.entries(errorCatalogue).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.message} |`);
const table = ['| code | HTTP status | default message |', '|---|---|---|', ...rows].join('\n');
const next = text.replace(/<!-- catalogue:start -->[\s\S]*<!-- catalogue:end -->/, `<!-- catalogue:start -->\n${table}\n<!-- catalogue:end -->`);
fs.writeFileSync(file, next);

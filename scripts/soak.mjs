// `npm run soak`: the crash tests at full size, outside `npm test`'s time budget (docs/testing.md).
//   ingest crash, 100,000 items and 8 SIGKILLs, on embedded PGlite and on PostgreSQL + NATS JetStream;
//   publishing crash (50 SIGKILLs) and alert-delivery crash (30 SIGKILLs), embedded by design: the
//   data directory must survive the kill.
// Each run prints its figures as one JSON line; the summary prints each step's seconds.
// Environment as for `npm test` (TEST_PG_URL, NATS_URL); SOAK_ITEMS overrides the item count.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const env24 = { PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const full = { INGEST_CRASH_ITEMS: process.env.SOAK_ITEMS ?? '100000', CRASH_TRIALS: process.env.SOAK_TRIALS ?? '50' };
const ingest = 'server/src/domains/listening/tests/ingest-crash.int.test.ts';
const publishing = 'server/src/domains/statements/publishing/publishing-crash.int.test.ts';
const delivery = 'server/src/domains/insights/tests/delivery-crash.int.test.ts';

const steps = [
  { name: 'ingest crash on embedded PGlite', files: [ingest], env: { TEST_DATABASE: 'embedded' } },
  { name: 'ingest crash on PostgreSQL + NATS JetStream', files: [ingest], env: { TEST_DATABASE: 'postgres', TEST_NATS: '1', NATS_URL: natsUrl } },
  { name: 'publishing crash on embedded PGlite', files: [publishing], env: { TEST_DATABASE: 'embedded' } },
  { name: 'alert-delivery crash on embedded PGlite', files: [delivery], env: { TEST_DATABASE: 'embedded', CRASH_TRIALS: process.env.SOAK_TRIALS ?? '30' } },
];

const results = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const res = spawnSync(process.execPath, [vitest, 'run', '--project', 'integration', ...step.files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env24, ...full, ...step.env },
  });
  results.push({ name: step.name, ok: res.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

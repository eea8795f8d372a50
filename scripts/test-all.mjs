// `npm test`: the whole suite, as CI runs it. Steps run in order; every step runs even after a
// failure, and the run ends with one summary line "N passed, N failed" (tests across all steps).
//   lint → type-check → layering → migration drift → unit + integration on embedded PGlite →
//   integration again on PostgreSQL + NATS JetStream → end-to-end in Chromium.
// Environment: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// NATS_URL (default nats://127.0.0.1:4222), SKIP_E2E=1 / SKIP_POSTGRES=1 to leave a tier out locally
// (CI sets neither).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
// JavaScript tools run on this Node (24, from devDependencies), never on an older one found in PATH.
const js = (entry) => [process.execPath, [path.join(root, 'node_modules', entry)]];
const env24 = { PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const reports = path.join(root, '.tmp/reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const results = [];
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}, report) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env24, ...env } });
  const ok = res.status === 0;
  if (report && fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += json.numFailedTests ?? 0;
    if (!ok && (json.numFailedTests ?? 0) === 0) failed += 1;
  } else if (!ok) {
    failed += 1;
  }
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}

const vitest = (name, args, env, file) => {
  const report = path.join(reports, file);
  const [node, entry] = js('vitest/vitest.mjs');
  run(name, node, [...entry, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env, report);
};

run('lint (biome)', bin('biome'), ['lint', '.']);
run('type-check (tsc, strict)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
run('layering (dependency-cruiser)', process.execPath, [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', 'server/src', 'packages', 'connectors', 'web/src']);
run('migration drift', process.execPath, ['scripts/migration-drift.mjs']);
vitest('unit + integration on embedded PGlite', ['--project', 'unit', '--project', 'integration'], { TEST_DATABASE: 'embedded' }, 'pglite.json');
if (process.env.SKIP_POSTGRES === '1') {
  process.stdout.write('\n(SKIP_POSTGRES=1: the PostgreSQL + NATS tier was left out)\n');
} else {
  // The publishing crash test drives its own embedded server in a child process: it runs once, in the tier above.
  vitest('integration on PostgreSQL + NATS JetStream', ['--project', 'integration', '--exclude', '**/publishing-crash.int.test.ts'], { TEST_DATABASE: 'postgres', TEST_NATS: '1', NATS_URL: natsUrl }, 'postgres.json');
}
if (process.env.SKIP_E2E === '1') {
  process.stdout.write('\n(SKIP_E2E=1: the browser tier was left out)\n');
} else {
  run('build web app', process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {}, undefined);
  vitest('end-to-end in Chromium', ['--project', 'e2e'], {}, 'e2e.json');
}

process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

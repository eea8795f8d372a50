// `npm test`: the whole suite, as CI runs it. Every step runs even after a failure, and the run
// ends with a summary of each step's seconds and one line "N passed, N failed" (tests across all
// steps). Budget and tiers: docs/testing.md.
//   static checks at once (type-check ‖ lint, layering, migration drift, web build) →
//   unit + integration on embedded PGlite → the integration files listed in scripts/test-tiers.mjs
//   again on PostgreSQL + NATS JetStream → end-to-end in Chromium.
// Environment: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// NATS_URL (default nats://127.0.0.1:4222), SKIP_E2E=1 / SKIP_POSTGRES=1 to leave a tier out locally
// (CI sets neither).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresTierFiles } from './test-tiers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
// JavaScript tools run on this Node (24, from devDependencies), never on an older one found in PATH.
const js = (entry) => [process.execPath, [path.join(root, 'node_modules', entry)]];
// Every Node process of the run (test workers, servers, CLI children) keeps V8's compiled code of
// the modules it loads in one cache: a process after the first compiles less (about a tenth less CPU
// for the CLI files).
const env24 = {
  PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(root, '.tmp/compile-cache'),
};
const reports = path.join(root, '.tmp/reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const runStarted = Date.now();
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const results = [];
let passed = 0;
let failed = 0;
/** The failed tests of every tier, named again in the summary: CI keeps only the tail of the log. */
const failures = [];

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
    for (const file of json.testResults ?? []) {
      const where = path.relative(root, file.name);
      if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed')) {
        failures.push({ tier: name, test: `${where} (the file failed: ${firstLine(file.message)})` });
      }
      for (const t of file.assertionResults ?? []) {
        if (t.status === 'failed') failures.push({ tier: name, test: `${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}` });
      }
    }
  } else if (!ok) {
    failed += 1;
  }
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}

function firstLine(text) {
  const line = String(text ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

const vitest = (name, args, env, file) => {
  const report = path.join(reports, file);
  const [node, entry] = js('vitest/vitest.mjs');
  run(name, node, [...entry, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env, report);
};

/**
 * Steps that do not depend on each other, at once: the type-check takes one core for a minute or
 * more, the others share the second. Each step's output is printed whole when it ends.
 */
async function runTogether(steps) {
  process.stdout.write(`\n=== at once: ${steps.map((s) => s.name).join(' ‖ ')} ===\n`);
  const started = Date.now();
  const first = results.length;
  await Promise.all(
    steps.map(
      (step) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(step.cmd, step.args, { cwd: root, env: { ...process.env, ...env24 } });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (code) => {
            const ok = code === 0;
            if (!ok) failed += 1;
            const seconds = Math.round((Date.now() - started) / 1000);
            process.stdout.write(`\n=== ${step.name} (${seconds} s) ===\n${out}`);
            results.push({ name: step.name, ok, seconds });
            resolve();
          });
        }),
    ),
  );
  const ok = results.slice(first).every((r) => r.ok);
  results.push({ name: '  (the steps above, at once: wall time)', ok, seconds: Math.round((Date.now() - started) / 1000) });
}

const e2e = process.env.SKIP_E2E !== '1';
await runTogether([
  { name: 'type-check (tsc, strict)', cmd: process.execPath, args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint (biome)', cmd: bin('biome'), args: ['lint', '.'] },
  { name: 'layering (dependency-cruiser)', cmd: process.execPath, args: [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', 'server/src', 'packages', 'connectors', 'web/src'] },
  { name: 'migration drift', cmd: process.execPath, args: ['scripts/migration-drift.mjs'] },
  ...(e2e ? [{ name: 'build web app', cmd: process.execPath, args: [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'] }] : []),
]);
vitest('unit + integration on embedded PGlite', ['--project', 'unit', '--project', 'integration'], { TEST_DATABASE: 'embedded' }, 'pglite.json');
if (process.env.SKIP_POSTGRES === '1') {
  process.stdout.write('\n(SKIP_POSTGRES=1: the PostgreSQL + NATS tier was left out)\n');
} else {
  // Only the files whose behaviour depends on the database server or NATS (scripts/test-tiers.mjs).
  vitest('integration on PostgreSQL + NATS JetStream', ['--project', 'integration', ...postgresTierFiles], { TEST_DATABASE: 'postgres', TEST_NATS: '1', NATS_URL: natsUrl }, 'postgres.json');
}
if (!e2e) {
  process.stdout.write('\n(SKIP_E2E=1: the browser tier was left out)\n');
} else {
  vitest('end-to-end in Chromium', ['--project', 'e2e'], {}, 'e2e.json');
}

process.stdout.write('\n=== summary ===\n');
process.stdout.write(`total ${Math.round((Date.now() - runStarted) / 1000)} s\n`);
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
if (failures.length > 0) {
  process.stdout.write('\nfailed tests:\n');
  for (const f of failures) process.stdout.write(`- [${f.tier}] ${f.test}\n`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from './cli-process.ts';
import { freePort } from './server-process.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from './test-db.ts';

// The README's first command: `npm start` (and `npm run dev`, the same with a flag of its own) runs
// scripts/start.mjs, which must bring a new DiploDesk up, answer /readyz and stop cleanly on SIGTERM.
let dataDir: string;
let pgDatabase: TestDatabase | null = null;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-start-script-'));
  if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
});
afterAll(async () => {
  await pgDatabase?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('starts DiploDesk with `npm run dev`, answers /readyz and stops on SIGTERM', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), '--dev'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: pgDatabase?.url ?? '',
      NATS_URL: '',
      // A set WEB_DIST skips the web build check; this test is about the server's start.
      WEB_DIST: '/nonexistent',
      DIPLODESK_DEMO: '0',
      DIPLODESK_SECRET: 'start-script-test-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 50_000;
    let ready = false;
    while (!ready) {
      if (child.exitCode !== null) throw new Error(`start.mjs exited with ${child.exitCode}:\n${out}`);
      if (Date.now() > deadline) throw new Error(`not ready in time:\n${out}`);
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toMatch(/DiploDesk is set up\.[\s\S]*Sign in as:/);
    // The public address (PUBLIC_URL, by default localhost) is what it prints first; where it listens beside it.
    expect(out).toMatch(`DiploDesk ready at http://localhost:${port} (`);
    expect(out).toMatch(`listening on 127.0.0.1:${port})`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

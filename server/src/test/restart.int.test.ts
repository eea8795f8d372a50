import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpSignIn, type ServerProcess, startServerProcess } from './server-process.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './test-db.ts';

// Jobs survive a crash: enqueue self-test jobs, SIGKILL the server while it works through them,
// start it again, and every job completes exactly once (the probe ledger's primary key would
// reject a second run, and the count of distinct jobs must equal the count enqueued).
const admin = { email: 'restart@test.diplodesk', password: 'restart test password' };
let dataDir: string;
let pg: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;
let server: ServerProcess | null = null;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-restart-'));
  if (testDatabaseKind === 'postgres') pg = await createTestDatabase();
  env = {
    ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: dataDir, DATABASE_URL: '' }),
    DIPLODESK_SECRET: 'restart-test-secret-restart-test-secret',
    DIPLODESK_ADMIN_EMAIL: admin.email,
    DIPLODESK_ADMIN_PASSWORD: admin.password,
    DIPLODESK_DEMO: '0',
    JOB_LEASE_MS: '1500',
    JOB_POLL_MS: '50',
    JOB_CONCURRENCY: '2',
    ...(process.env.TEST_NATS === '1' ? { NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', NATS_STREAM_PREFIX: `restart_${process.pid}_${Date.now()}` } : { NATS_URL: '' }),
  };
});
afterAll(async () => {
  await server?.kill('SIGKILL');
  if (env.NATS_URL) {
    const nc = await connect({ servers: env.NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(`${env.NATS_STREAM_PREFIX}_events`).catch(() => false);
    await nc.close();
  }
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Stats = { byStatus: Record<string, number>; byName: { name: string; status: string; count: number }[]; probe: { enqueued: number; ran: number; distinctJobs: number } };

async function stats(url: string, headers: Record<string, string>, label: string): Promise<Stats> {
  const res = await fetch(`${url}/api/v1/system/jobs?label=${label}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Stats;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('restart after SIGKILL', () => {
  // Two server starts and up to a minute of jobs: longer than the suite's default per test.
  it('completes every job exactly once', { timeout: 180_000 }, async () => {
    const port = await freePort();
    server = await startServerProcess(env, port);
    let headers = await httpSignIn(server.url, admin.email, admin.password);
    const total = 40;
    const enq = await fetch(`${server.url}/api/v1/system/jobs/probe`, { method: 'POST', headers, body: JSON.stringify({ count: total, sleepMs: 150 }) });
    expect(enq.status).toBe(202);
    const { label } = (await enq.json()) as { label: string };

    // Let it get part-way, then kill it with jobs in flight.
    await waitFor(async () => (await stats(server!.url, headers, label)).probe.ran >= 6, 30_000);
    await server.kill('SIGKILL');
    server = null;

    server = await startServerProcess(env, port);
    headers = await httpSignIn(server.url, admin.email, admin.password);
    const before = await stats(server.url, headers, label);
    expect(before.probe.ran).toBeGreaterThanOrEqual(6);
    expect(before.probe.ran).toBeLessThan(total);
    await waitFor(async () => (await stats(server!.url, headers, label)).probe.ran >= total, 60_000);
    // Give a duplicate run, if any, the time to show up before counting.
    await new Promise((r) => setTimeout(r, 2000));
    const after = await stats(server.url, headers, label);
    expect(after.probe).toEqual({ label, enqueued: total, ran: total, distinctJobs: total });
    expect(after.byStatus.failed).toBe(0);
    // The probe jobs, each once; housekeeping jobs the worker schedules itself (the hourly audit
    // checkpoint, the removal of unused uploads) complete beside them.
    expect(after.byName.find((r) => r.name === 'platform.probe@1' && r.status === 'completed')?.count).toBe(total);
    await server.kill('SIGTERM');
    server = null;
  });
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, gte } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { auditRowHash } from '../platform/audit/audit.ts';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { auditChainHead, auditLog } from '../platform/db/platform.tables.ts';
import { createInProcessBus } from '../platform/events/index.ts';
import { runDiplodesk } from '../test/cli-process.ts';
import { buildUnit } from '../test/factories.ts';
import { adminEmail, adminPassword, signInAs, testConfig } from '../test/test-app.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../test/test-db.ts';

// Hole 9: whoever holds the database can rewrite the hash chain consistently, and `audit verify`
// still passes. Signed, published checkpoints of the head let an outsider notice: this test
// rewrites the chain in SQL (every later hash recomputed) and `audit verify --checkpoints` exits 1.
let dataDir: string;
let pgDatabase: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;
let server: http.Server;
let baseUrl: string;
let firstCheckpointSeq: number;
const published: Record<string, string> = {};
const secret = 'checkpoint-test-secret-checkpoint-test-0123';

const open = (): Promise<Database> => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir }));

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-checkpoints-'));
  if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
  env = { ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATA_DIR: dataDir, DATABASE_URL: '' }), DIPLODESK_SECRET: secret };
  await withDb(async (database) => {
    await database.migrate();
    const { app, ctx } = await buildApp({ config: testConfig({ dataDir, secret }), database, bus: createInProcessBus(), logger: pino({ level: 'silent' }) });
    try {
      await app.ready();
      await initialiseWorkspace(ctx);
      for (let i = 0; i < 3; i++) await buildUnit(ctx);
      const admin = await signInAs(app, adminEmail, adminPassword);
      const first = await admin.post('/api/v1/audit/checkpoints');
      expect(first.statusCode, first.body).toBe(201);
      firstCheckpointSeq = first.json().checkpoint.seq;
      for (let i = 0; i < 2; i++) await buildUnit(ctx);
      expect((await admin.post('/api/v1/audit/checkpoints')).statusCode).toBe(201);
      const list = await app.inject({ method: 'GET', url: '/api/v1/public/audit/checkpoints' });
      expect(list.statusCode).toBe(200);
      published['/api/v1/public/audit/checkpoints'] = list.body;
      published['/.well-known/jwks.json'] = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).body;
    } finally {
      await app.close();
    }
  });
  // The published list and key set, served the way the ministry's site serves them.
  server = http.createServer((req, res) => {
    const body = published[(req.url ?? '').split('?')[0] ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A whole app on a data folder, then closed: slower than the usual in-memory set-up.
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pgDatabase?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Changes one entry's summary and recomputes every later hash and the head, as an insider with SQL access could. */
async function rewriteChainConsistently(seq: number): Promise<void> {
  await withDb(async ({ db }) => {
    const rows = await db.select().from(auditLog).where(gte(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
    const [before] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq - 1));
    let prevHash = before?.hash ?? '0'.repeat(64);
    for (const r of rows) {
      const summary = r.seq === seq ? { ...r.summary, name: 'Forged Embassy' } : r.summary;
      const hash = auditRowHash({ ...r, at: r.at.toISOString(), summary, prevHash });
      await db.update(auditLog).set({ summary, prevHash, hash }).where(eq(auditLog.id, r.id));
      prevHash = hash;
    }
    await db.update(auditChainHead).set({ lastHash: prevHash }).where(eq(auditChainHead.id, 1));
  });
}

// Each CLI process starts Node and opens the database: allow for a loaded machine.
const cliTimeout = { timeout: 240_000 };

describe('audit verify --checkpoints', () => {
  it('publishes signed checkpoints of the chain head, newest first', () => {
    const list = JSON.parse(published['/api/v1/public/audit/checkpoints'] ?? '{}') as { items: { seq: number; kid: string; jws: string }[]; jwks: string };
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.seq).toBeGreaterThan(list.items[1]!.seq);
    expect(list.items[1]!.seq).toBe(firstCheckpointSeq);
    expect(list.jwks).toBe('/.well-known/jwks.json');
    expect(list.items[0]!.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
  });

  it('exits 0 when the local chain agrees with every published checkpoint (URL and file)', cliTimeout, async () => {
    fs.writeFileSync(path.join(dataDir, 'checkpoints.json'), published['/api/v1/public/audit/checkpoints'] ?? '');
    fs.writeFileSync(path.join(dataDir, 'jwks.json'), published['/.well-known/jwks.json'] ?? '');
    const viaUrl = await runDiplodesk(['audit', 'verify', '--checkpoints', `${baseUrl}/api/v1/public/audit/checkpoints`], env);
    const viaFile = await runDiplodesk(['audit', 'verify', '--checkpoints', path.join(dataDir, 'checkpoints.json'), '--jwks', path.join(dataDir, 'jwks.json')], env);
    expect(viaUrl.stderr).toBe('');
    expect(viaUrl.stdout).toContain('Audit log agrees with 2 signed checkpoints');
    expect(viaUrl.code).toBe(0);
    expect(viaFile.code).toBe(0);
  });

  it('exits 1 naming the first disagreeing checkpoint after a consistent rewrite that plain verify accepts', cliTimeout, async () => {
    await rewriteChainConsistently(firstCheckpointSeq - 1);
    // One after the other: the embedded database's folder belongs to one process at a time.
    const plain = await runDiplodesk(['audit', 'verify'], env);
    const res = await runDiplodesk(['audit', 'verify', '--checkpoints', `${baseUrl}/api/v1/public/audit/checkpoints`], env);
    const json = await runDiplodesk(['audit', 'verify', '--checkpoints', `${baseUrl}/api/v1/public/audit/checkpoints`, '--json'], env);
    expect(plain.code).toBe(0);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Audit log DISAGREES with checkpoint #${firstCheckpointSeq}`);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, checkpoints: { total: 2, checked: 0, mismatch: { seq: firstCheckpointSeq } } });
  });

  it('exits 1 for a checkpoint whose signature does not verify, and 2 when the list cannot be read', cliTimeout, async () => {
    const list = JSON.parse(published['/api/v1/public/audit/checkpoints'] ?? '{}') as { items: { hash: string; payload: string }[] };
    const forged = { ...list, items: list.items.map((c) => ({ ...c, payload: c.payload.replace(c.hash, 'f'.repeat(64)), hash: 'f'.repeat(64) })) };
    fs.writeFileSync(path.join(dataDir, 'forged.json'), JSON.stringify(forged));
    // The unreadable list is refused before the database is opened, so the two can run side by side.
    const [bad, missing] = await Promise.all([
      runDiplodesk(['audit', 'verify', '--checkpoints', path.join(dataDir, 'forged.json'), '--jwks', path.join(dataDir, 'jwks.json')], env),
      runDiplodesk(['audit', 'verify', '--checkpoints', `${baseUrl}/nothing-here`], env),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('checkpoint not genuine: signature does not verify');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot check the checkpoints');
  });
});

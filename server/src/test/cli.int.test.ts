import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { createPlatformContext } from '../platform/context.ts';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { runDiplodesk } from './cli-process.ts';
import { buildUnit } from './factories.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './test-db.ts';
import { testConfig } from './test-app.ts';

// The operator's check: `diplodesk audit verify` recomputes the chain from a separate process and
// exits 1 naming the first altered row. Runs on the embedded database (a data directory on disk)
// or on PostgreSQL, like the rest of the integration suite.
let dataDir: string;
let pgDatabase: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;

async function open(): Promise<Database> {
  if (pgDatabase) return openDatabase({ url: pgDatabase.url, poolSize: 2 });
  return openDatabase({ dataDir });
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-audit-'));
  if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
  env = pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATA_DIR: dataDir, DATABASE_URL: '' };
  await withDb(async (database) => {
    await database.migrate();
    const ctx = createPlatformContext(testConfig({ dataDir }), database, pino({ level: 'silent' }));
    await initialiseWorkspace(ctx);
    for (let i = 0; i < 3; i++) await buildUnit(ctx).then((u) => ctx.db.execute(sql`select ${u.id}`));
  });
});
afterAll(async () => {
  await pgDatabase?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('audit verify (CLI)', () => {
  it('reports an intact chain with exit code 0', async () => {
    const res = await runDiplodesk(['audit', 'verify'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Audit chain intact: \d+ entries verified/);
  });

  it('exits 1 naming the row altered directly in SQL', async () => {
    const { id, count } = await withDb(async (database) => {
      const rows = (await database.db.execute(sql`select id, (select count(*)::int from audit_log) as count from audit_log where seq = 1`)) as unknown as { rows: { id: string; count: number }[] };
      await database.db.execute(sql`update audit_log set summary = '{"organisation":"Forged Ministry"}'::jsonb where seq = 1`);
      return rows.rows[0]!;
    });
    expect(count).toBeGreaterThan(0);
    const res = await runDiplodesk(['audit', 'verify'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('BROKEN at entry #1');
    expect(res.stderr).toContain(id);
    const json = await runDiplodesk(['audit', 'verify', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 1, firstBrokenId: id });
  });

  it('prints help for each command', async () => {
    for (const [args, text] of [
      [['--help'], 'audit'],
      [['start', '--help'], '--services'],
      [['migrate', '--help'], 'migrations'],
      [['user', 'create', '--help'], '--email'],
      [['audit', 'verify', '--help'], 'Recompute the hash chain'],
    ] as const) {
      const res = await runDiplodesk([...args], env);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toContain(text);
    }
  });
});

describe('user create and migrate (CLI)', () => {
  it('applies migrations idempotently', async () => {
    const res = await runDiplodesk(['migrate'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/up to date/);
  });

  it('creates a user with a role at a unit, and refuses bad input clearly', async () => {
    const created = await runDiplodesk(['user', 'create', '--email', 'Cli.User@Test.Diplodesk', '--name', 'Cli User', '--role', 'approver', '--unit', 'EMB-TYO'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created cli.user@test.diplodesk (approver at EMB-TYO)');
    expect(created.stdout).toMatch(/One-time password: \S{12,}/);
    const again = await runDiplodesk(['user', 'create', '--email', 'cli.user@test.diplodesk', '--name', 'Again'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Another user already has this e-mail address');
    const badRole = await runDiplodesk(['user', 'create', '--email', 'x@test.diplodesk', '--name', 'X', '--role', 'emperor'], env);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/one of admin, editor/);
    const badUnit = await runDiplodesk(['user', 'create', '--email', 'y@test.diplodesk', '--name', 'Y', '--role', 'viewer', '--unit', 'NOPE'], env);
    expect(badUnit.code).toBe(1);
    expect(badUnit.stderr).toContain('no unit with code NOPE');
    const rows = await withDb(async (database) => (await database.db.execute(sql`select email from users where email in ('x@test.diplodesk', 'y@test.diplodesk')`)) as unknown as { rows: unknown[] });
    expect(rows.rows).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { createPlatformContext } from '../platform/context.ts';
import { type Database, openDatabase, queryRows } from '../platform/db/index.ts';
import { runDiplodesk } from '../test/cli-process.ts';
import { testConfig } from '../test/test-app.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../test/test-db.ts';

let dir: string;
let pgDatabase: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;

const open = (): Promise<Database> => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir: path.join(dir, 'data') }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-import-'));
  if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
  env = pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
  const database = await open();
  await database.migrate();
  await initialiseWorkspace(createPlatformContext(testConfig({ dataDir: path.join(dir, 'data') }), database, pino({ level: 'silent' })));
  await database.close();
  fs.writeFileSync(
    path.join(dir, 'posts.csv'),
    [
      'id;isi;tanggal;tautan',
      '1;"Indonesia dan Australia sepakat memperkuat kerja sama maritim; nelayan menyambut baik";2026-11-20 08:00:00;https://news.example/1',
      '2;"Japan welcomes the new fisheries agreement in the Pacific";2026-11-21T09:30:00Z;https://news.example/2',
      '3;;2026-11-21T10:00:00Z;',
      '4;"Harga beras naik menjelang akhir tahun";kemarin;',
      '5;"Vaccine donations reach Fiji and Samoa, the health ministry said";1763884800;https://news.example/5',
    ].join('\n'),
  );
});
afterAll(async () => {
  await pgDatabase?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('diplodesk import', () => {
  it('imports a CSV with an Indonesian header, reports rejected rows, and adds nothing the second time', async () => {
    const file = path.join(dir, 'posts.csv');
    const report = path.join(dir, 'rejected.csv');
    const dry = await runDiplodesk(['import', file, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('text ← isi');
    expect(dry.stdout).toContain('publishedAt ← tanggal');

    const first = await runDiplodesk(['import', file, '--rejected', report], env, 120_000);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain('Read 5 rows: 3 new items stored');
    expect(first.stdout).toContain('2 rejected');
    expect(first.stderr).toMatch(/100 %/);
    const rejected = fs.readFileSync(report, 'utf8');
    expect(rejected).toContain('empty-text');
    expect(rejected).toContain('invalid-date');

    const again = await runDiplodesk(['import', file], env, 120_000);
    expect(again.stdout).toContain('0 new items stored');

    const database = await open();
    const rows = await queryRows<{ language: string; n: number }>(database.db, sql`select language, count(*)::int as n from listening_items group by language order by language`);
    await database.close();
    expect(rows.map((r) => [r.language, Number(r.n)])).toEqual([
      ['en', 2],
      ['id', 1],
    ]);
  }, 240_000);

  it('refuses a missing file, an unknown field and a file without a text column, with exit code 2', async () => {
    expect((await runDiplodesk(['import', path.join(dir, 'nope.csv')], env)).code).toBe(2);
    expect((await runDiplodesk(['import', path.join(dir, 'posts.csv'), '--map', 'colour=isi'], env)).code).toBe(2);
    fs.writeFileSync(path.join(dir, 'numbers.csv'), 'a,b\n1,2\n');
    const none = await runDiplodesk(['import', path.join(dir, 'numbers.csv')], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--map text=');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../platform/db/index.ts';
import { runDiplodesk } from '../test/cli-process.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
const open = (): Promise<Database> => openDatabase({ dataDir: path.join(dir, 'data') });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-unvotes-'));
  env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
  fs.writeFileSync(path.join(dir, 'roll_calls.csv'), 'rcid,session,importantvote,date\n1,70,0,2015-10-01\n2,70,0,2015-11-02\n');
  fs.writeFileSync(path.join(dir, 'issues.csv'), 'rcid,short_name,issue\n1,hr,Human rights\n');
  // Voeten's numeric codes: 1 yes, 2 abstain, 3 no, 8 absent.
  fs.writeFileSync(path.join(dir, 'votes.csv.gz'), gzipSync('rcid,country,vote\n1,ID,1\n1,MY,2\n2,ID,3\n2,MY,8\n'));
  fs.writeFileSync(path.join(dir, 'bad.csv'), 'rcid,country,vote\n1,ID,1\n2,MY,perhaps\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('diplodesk unvotes import', () => {
  it('imports the three files, refuses a bad line by its number, and changes nothing the second time', async () => {
    const args = ['unvotes', 'import', '--rollcalls', path.join(dir, 'roll_calls.csv'), '--issues', path.join(dir, 'issues.csv'), '--votes', path.join(dir, 'votes.csv.gz')];
    const first = await runDiplodesk(args, env, 120_000);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain('roll-calls: 2 rows read — 2 new, 0 changed, 0 unchanged.');
    expect(first.stdout).toContain('votes: 4 rows read — 3 new, 0 changed, 0 unchanged, 1 absences skipped.');
    expect(first.stderr).toMatch(/votes\.csv\.gz: 100 % read/);

    const bad = await runDiplodesk(['unvotes', 'import', '--votes', path.join(dir, 'bad.csv')], env, 120_000);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Line 3 of the votes file: vote must be yes, no or abstain');
    expect(bad.stderr).toContain('Nothing of this file was stored.');

    const again = await runDiplodesk(args, env, 120_000);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('votes: 4 rows read — 0 new, 0 changed, 3 unchanged, 1 absences skipped.');

    const database = await open();
    try {
      const rows = await queryRows<{ rcid: number; country: string; vote: number }>(database.db, sql`select rcid, country, vote from insights_un_votes order by rcid, country`);
      expect(rows.map((r) => [Number(r.rcid), r.country, Number(r.vote)])).toEqual([
        [1, 'ID', 1],
        [1, 'MY', 2],
        [2, 'ID', 3],
      ]);
    } finally {
      await database.close();
    }
    // Three CLI processes, each starting on the embedded database: slow on a busy machine.
  }, 300_000);

  it('says what is missing instead of starting', async () => {
    const none = await runDiplodesk(['unvotes', 'import'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Give at least one of --rollcalls, --issues and --votes.');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomTestApp, type NewsroomTestApp, publishTestStatement } from '../domains/statements/newsroom/newsroom-test-app.ts';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { createPlatformContext, inTransaction } from '../platform/context.ts';
import { listPublicKeys } from '../platform/crypto/signing/key-store.ts';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { auditLog } from '../platform/db/platform.tables.ts';
import { withdrawSignedStatement } from '../domains/statements/newsroom/index.ts';
import { runDiplodesk } from '../test/cli-process.ts';
import { testConfig } from '../test/test-app.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../test/test-db.ts';

// `diplodesk verify` run as a separate process, the way a journalist or an auditor would: offline
// against a downloaded bundle and a key set, and online against a running newsroom.
let t: NewsroomTestApp;
let dir: string;
let entryUrl: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  t = await createNewsroomTestApp({ listen: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-verify-'));
  const p = await publishTestStatement(t, {
    title: 'Statement on the fisheries agreement',
    body: 'The Government signed the fisheries agreement covering 12 coastal provinces.\n\nIt enters into force on 1 July.',
  });
  entryUrl = p.url;
  const bundle = await (await fetch(`${t.url}/api/v1/public/statements/${p.entryId}`)).text();
  fs.writeFileSync(file('bundle.json'), bundle);
  const parsed = JSON.parse(bundle) as { canonical: string };
  fs.writeFileSync(file('tampered.json'), JSON.stringify({ ...parsed, canonical: parsed.canonical.replace('12 coastal', '13 coastal') }));
  fs.writeFileSync(file('jwks.json'), await (await fetch(`${t.url}/.well-known/jwks.json`)).text());
  fs.writeFileSync(file('genuine.txt'), `${p.input.title}\n\n${p.input.body}\n`);
  fs.writeFileSync(file('modified.txt'), p.input.body.replace('12 coastal', '13 coastal'));
  fs.writeFileSync(file('unrelated.txt'), 'A recipe for banana bread with walnuts and cinnamon.');
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('diplodesk verify', () => {
  it('verifies a downloaded bundle offline with a JWKS file (0), and rejects a tampered one (1)', async () => {
    const [good, bad] = await Promise.all([
      runDiplodesk(['verify', file('bundle.json'), '--jwks', file('jwks.json')], { PUBLIC_URL: 'http://127.0.0.1:9' }),
      runDiplodesk(['verify', file('tampered.json'), '--jwks', file('jwks.json')], { PUBLIC_URL: 'http://127.0.0.1:9' }),
    ]);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^GENUINE: signature valid, key \S+ from .*jwks\.json — "Statement on the fisheries agreement" by 127\.0\.0\.1:\d+/);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^BAD SIGNATURE: the signature does not match the text/);
  });

  it('fetches the JWKS from a URL when given one, and checks texts and newsroom URLs through the verify API', async () => {
    const [viaUrl, genuine, modified, unrelated, byPage] = await Promise.all([
      runDiplodesk(['verify', file('bundle.json'), '--jwks', `${t.url}/.well-known/jwks.json`], {}),
      runDiplodesk(['verify', file('genuine.txt'), '--server', t.url], {}),
      runDiplodesk(['verify', file('modified.txt')], { PUBLIC_URL: t.url }),
      runDiplodesk(['verify', file('unrelated.txt'), '--server', t.url], {}),
      runDiplodesk(['verify', entryUrl], {}),
    ]);
    expect(viaUrl.code).toBe(0);
    expect(genuine.stdout).toMatch(/^GENUINE: matches "Statement on the fisheries agreement"/);
    expect(genuine.code).toBe(0);
    expect(modified.code).toBe(1);
    expect(modified.stdout).toMatch(/^MODIFIED: text differs from "Statement on the fisheries agreement"/);
    expect(modified.stdout).toContain('[-12-]{+13+}');
    expect(unrelated.code).toBe(1);
    expect(unrelated.stdout).toMatch(/^NO MATCH/);
    expect(byPage.code).toBe(0);
    expect(byPage.stdout).toMatch(/^GENUINE/);
  });

  it('exits 2 on usage errors and when it cannot check at all', async () => {
    const [missing, noFile, badServer, unreachable, help] = await Promise.all([
      runDiplodesk(['verify'], {}),
      runDiplodesk(['verify', file('does-not-exist.txt'), '--server', t.url], {}),
      runDiplodesk(['verify', file('genuine.txt'), '--server', 'ftp://example'], {}),
      runDiplodesk(['verify', file('genuine.txt'), '--server', 'http://127.0.0.1:9'], {}),
      runDiplodesk(['verify', '--help'], {}),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'file|url'");
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Cannot verify: cannot read');
    expect(badServer.code).toBe(2);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach http://127.0.0.1:9');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit code 0 genuine, 1 modified');
  });
});

describe('diplodesk verify: a withdrawn statement', () => {
  it('reports a signed withdrawal offline and online, and a forged one as forged (1)', async () => {
    const p = await publishTestStatement(t, { title: 'Statement on the border talks', body: 'The border talks will continue in Pontianak next week.' });
    const reason = 'Superseded by the joint communiqué.';
    await inTransaction(t.ctx, (tx) => withdrawSignedStatement(tx, { secretBox: t.ctx.secretBox, config: t.config }, { statementId: p.input.statementId, reason, at: new Date('2026-12-01T09:00:00Z') }));
    const bundle = JSON.parse(await (await fetch(`${t.url}/api/v1/public/statements/${p.entryId}`)).text());
    fs.writeFileSync(file('withdrawn.json'), JSON.stringify(bundle));
    fs.writeFileSync(file('forged-withdrawal.json'), JSON.stringify({ ...bundle, withdrawal: { ...bundle.withdrawal, canonical: String(bundle.withdrawal?.canonical).replace('communiqué', 'statement') } }));
    const [offline, forged, online] = await Promise.all([
      runDiplodesk(['verify', file('withdrawn.json'), '--jwks', file('jwks.json')], { PUBLIC_URL: 'http://127.0.0.1:9' }),
      runDiplodesk(['verify', file('forged-withdrawal.json'), '--jwks', file('jwks.json')], { PUBLIC_URL: 'http://127.0.0.1:9' }),
      runDiplodesk(['verify', p.url], {}),
    ]);
    expect(offline.stdout).toContain(`but WITHDRAWN on 2026-12-01T09:00:00.000Z by a signed withdrawal: ${reason}`);
    expect(offline.code).toBe(0);
    expect(forged.stdout).toContain('FORGED WITHDRAWAL');
    expect(forged.code).toBe(1);
    expect(online.stdout).toContain(`but WITHDRAWN on 2026-12-01T09:00:00.000Z by a signed withdrawal: ${reason}`);
  });
});

describe('diplodesk keys rotate', () => {
  let dataDir: string;
  let pgDatabase: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;
  const open = (): Promise<Database> => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir }));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-keys-'));
    if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
    env = { ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATA_DIR: dataDir, DATABASE_URL: '' }), DIPLODESK_SECRET: 'cli-test-secret-cli-test-secret-0123456' };
    const database = await open();
    try {
      await database.migrate();
      await initialiseWorkspace(createPlatformContext(testConfig({ dataDir }), database, pino({ level: 'silent' })));
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await pgDatabase?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates then rotates the key, keeps the old one published, audits each rotation, and refuses an unknown --org', async () => {
    const first = await runDiplodesk(['keys', 'rotate'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await runDiplodesk(['keys', 'rotate'], env);
    expect(second.code).toBe(0);
    const firstKid = /new key (\S+)\./.exec(first.stdout)?.[1];
    const secondKid = /new key (\S+)\./.exec(second.stdout)?.[1];
    expect(firstKid).toBeDefined();
    expect(secondKid).not.toBe(firstKid);
    expect(second.stdout).toContain(`Previous key ${firstKid} is retired`);
    const wrongOrg = await runDiplodesk(['keys', 'rotate', '--org', '00000000-0000-7000-8000-000000000000'], env);
    expect(wrongOrg.code).toBe(1);
    expect(wrongOrg.stderr).toContain('--org: no organisation with id');

    const database = await open();
    try {
      const keys = await listPublicKeys(database.db);
      expect(keys.map((k) => [k.kid, k.status])).toEqual([
        [firstKid, 'retired'],
        [secondKid, 'active'],
      ]);
      const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'signing-key.rotated'), eq(auditLog.actorLabel, 'cli')));
      expect(audits.map((a) => a.targetId)).toEqual([firstKid, secondKid]);
    } finally {
      await database.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { findRootUnit, initialiseWorkspace } from '../domains/identity/index.ts';
import { users } from '../domains/identity/identity.tables.ts';
import { openSourceCredentials } from '../domains/listening/commands/manage-sources.ts';
import { listeningSources } from '../domains/listening/listening.tables.ts';
import { federationQueue } from '../domains/statements/federation/federation.tables.ts';
import { federationQueueContext } from '../domains/statements/federation/message-queue.ts';
import type { Config } from '../platform/config/config.ts';
import type { PlatformContext } from '../platform/context.ts';
import { keyFromSecret, masterKeyId } from '../platform/crypto/secret-box.ts';
import { signingKeys } from '../platform/crypto/signing/signing.tables.ts';
import { totpCode } from '../platform/crypto/totp.ts';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { auditLog } from '../platform/db/platform.tables.ts';
import { createInProcessBus } from '../platform/events/index.ts';
import { runDiplodesk } from '../test/cli-process.ts';
import { sealLegacyV1 } from '../test/legacy-seal.ts';
import { adminEmail, adminPassword, clientFor, cookiesOf, signInAs, testConfig } from '../test/test-app.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../test/test-db.ts';

// ASVS 11.2.2: the master key can be rotated. Values sealed through the real commands under the old
// secret (and one in the format of releases before rotation existed) are moved by `keys reseal` to
// the new secret, after which the server opens them with the new secret alone.
const oldSecret = 'reseal-test-old-secret-reseal-test-old-secret';
const newSecret = 'reseal-test-new-secret-reseal-test-new-secret';
let dataDir: string;
let pgDatabase: TestDatabase | null = null;
let totpSeed: string;
let sourceId: string;

const open = (): Promise<Database> => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir }));

/** A whole app on the shared database, closed after `fn` (the CLI needs the data folder to itself on PGlite). */
async function withApp<T>(config: Partial<Config>, fn: (app: Awaited<ReturnType<typeof buildApp>>['app'], ctx: PlatformContext) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    await database.migrate();
    const { app, ctx } = await buildApp({ config: testConfig({ dataDir, ...config }), database, bus: createInProcessBus(), logger: pino({ level: 'silent' }) });
    try {
      await app.ready();
      return await fn(app, ctx);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

function cliEnv(secrets: { secret: string; previous?: string }): NodeJS.ProcessEnv {
  return { ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATA_DIR: dataDir, DATABASE_URL: '' }), DIPLODESK_SECRET: secrets.secret, DIPLODESK_PREVIOUS_SECRETS: secrets.previous ?? '' };
}

let enabledAtMs = 0;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-reseal-'));
  if (testDatabaseKind === 'postgres') pgDatabase = await createTestDatabase();
  await withApp({ secret: oldSecret }, async (app, ctx) => {
    await initialiseWorkspace(ctx);
    const admin = await signInAs(app, adminEmail, adminPassword);
    totpSeed = (await admin.post('/api/v1/me/mfa/setup')).json().secret;
    enabledAtMs = Date.now();
    expect((await admin.post('/api/v1/me/mfa/enable', { code: totpCode(totpSeed, enabledAtMs) })).statusCode).toBe(200);
    const root = await findRootUnit(ctx.db);
    const source = await admin.post('/api/v1/listening/sources', { unitId: root?.id, connector: 'rss', name: 'Private feed', config: { url: 'http://127.0.0.1:9/feed.xml' }, credentials: { token: 'feed-token-4711' } });
    expect(source.statusCode, source.body).toBe(201);
    sourceId = source.json().id;
    // The signing key is made and sealed on first use.
    expect((await admin.post('/api/v1/audit/checkpoints')).statusCode).toBe(201);
    // A second source as an older release stored it: v1, under the master key itself.
    const legacy = await admin.post('/api/v1/listening/sources', { unitId: root?.id, connector: 'rss', name: 'Older feed', config: { url: 'http://127.0.0.1:9/old.xml' }, credentials: { token: 'old-token-0815' } });
    const legacyId = legacy.json().id as string;
    const v1 = sealLegacyV1(keyFromSecret(oldSecret), JSON.stringify({ token: 'old-token-0815' }), `listening-source:${legacyId}`);
    await ctx.db.update(listeningSources).set({ credentialsSealed: v1 }).where(eq(listeningSources.id, legacyId));
    // A delivery waiting in Fedify's queue (due tomorrow, so no listener takes it meanwhile).
    const message = ctx.secretBox.for('federation-queue').seal(JSON.stringify({ type: 'outbox', keys: ['queued-private-key'] }), federationQueueContext);
    await ctx.db.insert(federationQueue).values({ message: { sealed: message }, runAt: new Date(Date.now() + 86_400_000) });
  });
}, 180_000);

afterAll(async () => {
  await pgDatabase?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('diplodesk keys reseal', () => {
  const oldId = masterKeyId(keyFromSecret(oldSecret));
  const newId = masterKeyId(keyFromSecret(newSecret));

  it('--check counts what still needs the old key and exits 1', async () => {
    const res = await runDiplodesk(['keys', 'reseal', '--check'], cliEnv({ secret: newSecret, previous: oldSecret }));
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain(`Current master key ${newId}; previous ${oldId}.`);
    expect(res.stdout).toContain(`users.totp_secret_enc: 1 previous ${oldId}`);
    expect(res.stdout).toContain(`signing_keys.private_key_sealed: 1 previous ${oldId}`);
    expect(res.stdout).toMatch(new RegExp(`listening_sources.credentials_sealed: (1 previous ${oldId}, 1 legacy v1|1 legacy v1, 1 previous ${oldId})`));
    expect(res.stdout).toContain(`federation_queue.message: 1 previous ${oldId}`);
    expect(res.stdout).toContain('sso_providers.client_secret_enc: none');
    // Without the old key listed, nothing is lost yet: the check names the key those values need.
    const unlisted = await runDiplodesk(['keys', 'reseal', '--check'], cliEnv({ secret: newSecret }));
    expect(unlisted.code).toBe(1);
    expect(unlisted.stdout).toContain(`users.totp_secret_enc: 1 unknown ${oldId}`);
  }, 120_000);

  it('re-seals every value under the new key, audits it, is idempotent, and --check then exits 0', async () => {
    const first = await runDiplodesk(['keys', 'reseal', '--batch-size', '1'], cliEnv({ secret: newSecret, previous: oldSecret }));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('listening_sources.credentials_sealed: 2 re-sealed, 0 already current');
    expect(first.stdout).toContain('signing_keys.private_key_sealed: 1 re-sealed, 0 already current');
    expect(first.stdout).toMatch(/Re-sealed 5 values under master key [0-9a-f]{8} \(0 were already\)/);
    expect(first.stdout).not.toContain('feed-token-4711');

    const again = await runDiplodesk(['keys', 'reseal'], cliEnv({ secret: newSecret, previous: oldSecret }));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Re-sealed 0 values under master key');
    expect(again.stdout).toContain('(5 were already)');

    const check = await runDiplodesk(['keys', 'reseal', '--check'], cliEnv({ secret: newSecret }));
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('All 5 sealed values are under the current master key');
  }, 180_000);

  it('the server then opens every value with the new secret alone', async () => {
    await withApp({ secret: newSecret }, async (app, ctx) => {
      for (const row of await ctx.db.select().from(listeningSources)) expect(row.credentialsSealed?.startsWith(`v2.${newId}.`)).toBe(true);
      const [source] = await ctx.db.select().from(listeningSources).where(eq(listeningSources.id, sourceId));
      expect(openSourceCredentials(ctx, source as NonNullable<typeof source>)).toEqual({ token: 'feed-token-4711' });
      const [admin] = await ctx.db.select().from(users).where(eq(users.email, adminEmail));
      expect(admin?.totpSecretEnc?.startsWith(`v2.${newId}.`)).toBe(true);
      const [key] = await ctx.db.select().from(signingKeys);
      expect(key?.privateKeySealed.startsWith(`v2.${newId}.`)).toBe(true);
      const [queued] = await ctx.db.select({ message: federationQueue.message }).from(federationQueue);
      const { sealed } = (queued?.message ?? {}) as { sealed: string };
      expect(JSON.parse(ctx.secretBox.for('federation-queue').open(sealed, federationQueueContext))).toEqual({ type: 'outbox', keys: ['queued-private-key'] });

      // Sign-in with the TOTP seed opened under the new key.
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
      expect(login.json()).toEqual({ status: 'mfa-required', factors: ['totp'] });
      const pending = clientFor(app, `dd_session=${cookiesOf(login).dd_session}`, '');
      // Codes are single-use: within the step the enrolment used, the next step's code (accepted, ±1 step).
      const done = await pending.post('/api/v1/auth/mfa', { code: totpCode(totpSeed, Math.max(Date.now(), enabledAtMs + 30_000)) });
      expect(done.json()).toEqual({ status: 'signed-in' });
      const c = cookiesOf(done);
      const signedIn = clientFor(app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
      // The signing key opened under the new key signs a new checkpoint.
      expect((await signedIn.post('/api/v1/audit/checkpoints')).statusCode).toBe(201);

      const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'keys.resealed'), eq(auditLog.targetId, newId))).orderBy(auditLog.seq);
      expect(audits.map((a) => a.summary)).toEqual([
        { keyId: newId, previousKeyIds: [oldId], resealed: 5, alreadyCurrent: 0, changedMeanwhile: 0, unreadable: 0 },
        { keyId: newId, previousKeyIds: [oldId], resealed: 0, alreadyCurrent: 5, changedMeanwhile: 0, unreadable: 0 },
      ]);
    });
  }, 120_000);
});

import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../app.ts';
import { createConnectorRegistry } from '../../../../platform/connectors/index.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { auditLog } from '../../../../platform/db/platform.tables.ts';
import { createInProcessBus } from '../../../../platform/events/index.ts';
import { adminEmail, adminPassword, type Client, signInAs, testConfig } from '../../../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace } from '../../../identity/index.ts';
import { availableConnectors } from './harness.ts';
import { testOutbound } from '../../../../test/outbound.ts';

// Hole 9: a failed channel connection (the platform refused the credentials, the OAuth provider
// said no, or the callback came back with an unknown state) left no trace in the audit trail.
let db: TestDatabase;
let app: FastifyInstance;
let ctx: PlatformContext;
let admin: Client;
let unitId: string;
const fakes = new Map<string, FakePlatform>();

beforeAll(async () => {
  const loaded = await availableConnectors(['x', 'mastodon']);
  const env: Record<string, string> = {};
  for (const l of loaded) {
    const fake = await l.startFake();
    fakes.set(l.id, fake);
    Object.assign(env, fake.env);
  }
  db = await createTestDatabase();
  const connectors = createConnectorRegistry(loaded.map((l) => l.definition), env, testOutbound());
  ({ app, ctx } = await buildApp({ config: testConfig({ publicUrl: 'http://diplodesk.test' }), database: db, bus: createInProcessBus(), logger: pino({ level: 'silent' }), connectors }));
  await app.ready();
  await initialiseWorkspace(ctx);
  unitId = (await findRootUnit(db.db))!.id;
  admin = await signInAs(app, adminEmail, adminPassword);
});

afterAll(async () => {
  await app?.close();
  for (const f of fakes.values()) await f.close();
  await db?.drop();
});

async function headSeq(): Promise<number> {
  const rows = await ctx.db.select({ seq: auditLog.seq }).from(auditLog);
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
}
const failuresAfter = (seq: number) => ctx.db.select().from(auditLog).where(and(gt(auditLog.seq, seq), eq(auditLog.action, 'channel-account.connect-failed')));

describe('failed channel connections are audited', () => {
  it('records credentials the platform refused', async () => {
    const from = await headSeq();
    const values = { ...fakes.get('mastodon')!.connectFormValues()!, accessToken: 'not-a-valid-token' };
    const res = await admin.post('/api/v1/channel-accounts/connect/form', { unitId, platform: 'mastodon', values });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    const [entry] = await failuresAfter(from);
    expect(entry).toMatchObject({ actorLabel: adminEmail, targetType: 'channel-account', targetId: null, unitId, summary: { platform: 'mastodon', reason: 'platform-refused' } });
    expect(JSON.stringify(entry?.summary)).not.toContain('not-a-valid-token');
    expect(res.json().error).toMatchObject({ code: 'channel.connect-failed', details: { reason: 'refused' } });
  });

  it('tells a platform that was never reached from one that refused: the address is what to check', async () => {
    const from = await headSeq();
    // `.invalid` never resolves (RFC 6761): the instance's name is wrong, the token was never looked at.
    const values = { ...fakes.get('mastodon')!.connectFormValues()!, instanceUrl: 'https://mastodon.example.invalid' };
    const res = await admin.post('/api/v1/channel-accounts/connect/form', { unitId, platform: 'mastodon', values });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'channel.connect-failed', details: { reason: 'unreachable' } });
    const [entry] = await failuresAfter(from);
    expect(entry?.summary).toEqual({ platform: 'mastodon', reason: 'platform-unreachable' });
  });

  it('records an OAuth callback that was denied or came back with an unknown state', async () => {
    const from = await headSeq();
    const start = await admin.post('/api/v1/channel-accounts/connect', { unitId, platform: 'x' });
    const state = new URL(start.json().authorizeUrl as string).searchParams.get('state');
    const denied = await admin.get(`/api/v1/channel-accounts/oauth/callback?state=${state}&error=access_denied`);
    expect(denied.headers.location).toBe('/statements/channels?connected=denied');
    const forged = await admin.get('/api/v1/channel-accounts/oauth/callback?state=forged&code=abc');
    expect(forged.headers.location).toBe('/statements/channels?connected=expired');
    const entries = await failuresAfter(from);
    expect(entries.map((e) => e.summary)).toEqual([
      { platform: 'x', reason: 'denied' },
      { platform: null, reason: 'unknown-state' },
    ]);
  });
});

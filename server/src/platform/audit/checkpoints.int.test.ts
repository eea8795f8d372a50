import { desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../test/factories.ts';
import { adminEmail, adminPassword, createTestApp, signInAs, type TestApp } from '../../test/test-app.ts';
import { loadJwks } from '../crypto/signing/key-store.ts';
import { auditLog, jobs } from '../db/platform.tables.ts';
import { auditCheckpoints } from './audit.tables.ts';
import { auditCheckpointJobName, createAuditCheckpointJob } from './checkpoint.job.ts';
import { checkPublishedCheckpoint, publishCheckpoint } from './checkpoints.ts';

let t: TestApp;
let organisationId: string;
beforeAll(async () => {
  t = await createTestApp();
  // Through the API: the platform's tests do not reach into a domain.
  const admin = await signInAs(t.app, adminEmail, adminPassword);
  const units = (await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
  organisationId = units.find((u) => u.parentId === null)!.id;
});
afterAll(async () => {
  await t?.close();
});

const hour = '2026-01-01T10:00:00.000Z';

async function runJob(): Promise<void> {
  const job = createAuditCheckpointJob({ secretBox: t.ctx.secretBox.for('signing-keys'), organisationId: async () => organisationId });
  const controller = new AbortController();
  await t.ctx.db.transaction((tx) => job.handler({ hour }, { tx, db: t.ctx.db, jobId: 'test', attempt: 1, workerId: 'test', signal: controller.signal }));
}

const checkpointCount = async () => (await t.ctx.db.select().from(auditCheckpoints)).length;

describe('the hourly audit checkpoint job', () => {
  it('signs the head once, adds nothing while the head stays, and signs again once it moves', async () => {
    await runJob();
    expect(await checkpointCount()).toBe(1);
    await runJob();
    expect(await checkpointCount()).toBe(1);
    await buildUser(t.ctx, { role: 'editor' });
    await runJob();
    expect(await checkpointCount()).toBe(2);
    const [latest] = await t.ctx.db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
    const [head] = await t.ctx.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(latest?.seq).toBe(head?.seq);
    expect(latest?.headHash).toBe(head?.hash);
    // Signed with the statements' key: the published JWKS verifies it.
    const check = await checkPublishedCheckpoint(await loadJwks(t.ctx.db), publishCheckpoint(latest!));
    expect(check.valid).toBe(true);
  });

  it('schedules exactly one run for the next hour, however often it runs', async () => {
    const next = await t.ctx.db.select().from(jobs).where(like(jobs.idempotencyKey, `${auditCheckpointJobName}:%`));
    expect(next).toHaveLength(1);
    expect(next[0]?.runAt.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('checkpoints on demand and in public', () => {
  it('lets only an administrator of the organisation sign one, and audits it', async () => {
    const mission = await buildUnit(t.ctx);
    const missionAdmin = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const client = await signInAs(t.app, missionAdmin.email, testPassword);
    expect((await client.post('/api/v1/audit/checkpoints')).statusCode).toBe(403);
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    const res = await admin.post('/api/v1/audit/checkpoints');
    expect(res.statusCode).toBe(201);
    const seq = res.json().checkpoint.seq as number;
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'audit.checkpoint-created'));
    expect(entry).toMatchObject({ targetType: 'audit-checkpoint', targetId: String(seq), seq: seq + 1 });
  });

  it('lists them newest first with paging, and shows them on a newsroom page in both languages', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/public/audit/checkpoints' })).json();
    expect(all.items.length).toBe(3);
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/public/audit/checkpoints?limit=1' });
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.json().items).toHaveLength(1);
    expect(page.json().nextBefore).toBe(all.items[0].seq);
    const html = await t.app.inject({ method: 'GET', url: '/newsroom/audit-checkpoints' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<h1>Audit checkpoints</h1>');
    expect(html.body).toContain(all.items[0].hash);
    const id = await t.app.inject({ method: 'GET', url: '/newsroom/audit-checkpoints?ui=id' });
    expect(id.body).toContain('<h1>Titik periksa audit</h1>');
    const newsroom = await t.app.inject({ method: 'GET', url: '/newsroom' });
    expect(newsroom.body).toContain('href="/newsroom/audit-checkpoints"');
  });
});

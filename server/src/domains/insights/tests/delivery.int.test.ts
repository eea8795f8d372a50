// Alert delivery end to end: an administrator sets the SMTP relay and webhooks; an alert raised by
// a rule with recipients reaches a real SMTP server (in each recipient's language) and a webhook
// receiver that verifies the Standard Webhooks signature with an independent library; a receiver
// answering 500 gets every retry and then a recorded failure; a 410 fails at once; planning again
// sends nothing twice.
import { eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUrlOf } from '../../../platform/config/config.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import type { ItemFacts } from '../../listening/index.ts';
import { evaluateAlertRules } from '../alerts/evaluate-rules.ts';
import { DELIVERY_ATTEMPTS } from '../delivery/delivery-outcome.ts';
import { insightsAlertDeliveries } from '../delivery/delivery.tables.ts';
import { insightsJobs } from '../insights-jobs.ts';
import { applyItems } from '../rollups/apply-items.ts';
import { drainDeliveries, type MailInbox, type Receiver, signatureHeaders, startReceiver, startSmtpServer } from './delivery-fakes.ts';

let t: TestApp;
let admin: Client;
let rootId: string;
let smtp: MailInbox;
let runner: JobRunner;
const receivers: Receiver[] = [];
const HOUR = 3_600_000;

const putSmtp = (body: Record<string, unknown>) => admin.request({ method: 'PUT', url: '/api/v1/insights/delivery/smtp', payload: body });

const drain = () => drainDeliveries(t.ctx.db, runner);

function facts(n: number, at: Date, topic: string): ItemFacts[] {
  const sourceId = newIdFor();
  return Array.from({ length: n }, (_, i) => ({ id: newIdFor(), unitId: rootId, sourceId, publishedAt: new Date(at.getTime() + i * 60_000), language: 'en', countries: [], topicIds: [topic], sentiment: 0 }));
}

async function webhook(name: string, receiver: Receiver): Promise<{ id: string; secret: string }> {
  const res = await admin.post('/api/v1/insights/webhooks', { unitId: rootId, name, url: receiver.url });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { id: body.webhook.id, secret: body.secret };
}

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  expect((await admin.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword })).statusCode).toBe(200);
  smtp = await startSmtpServer('alerts', 'relay password 123');
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'delivery-test', pollMs: 20, leaseMs: 60_000 });
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await smtp?.close();
  await t?.close();
});

describe('alert delivery settings', () => {
  it('store the SMTP relay with its password sealed and never answered, and send a test e-mail', async () => {
    const saved = await putSmtp({ host: '127.0.0.1', port: smtp.port, security: 'none', username: 'alerts', password: 'relay password 123', fromAddress: 'alerts@ministry.example', fromName: 'DiploDesk alerts' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ configured: true, hasPassword: true, host: '127.0.0.1', security: 'none' });
    expect(saved.body).not.toContain('relay password');
    const [stored] = await queryRows<{ password_sealed: string }>(t.ctx.db, sql`select password_sealed from smtp_settings`);
    expect(stored?.password_sealed).toMatch(/^v2\./);
    const test = await admin.post('/api/v1/insights/delivery/smtp/test', { to: 'admin@ministry.example' });
    expect(test.statusCode, test.body).toBe(200);
    expect(smtp.messages.at(-1)?.subject).toBe('[DiploDesk] Test e-mail');
  });

  it('refuse plain SMTP to an address that is not allow-listed', async () => {
    const res = await putSmtp({ host: '192.0.2.10', port: 25, security: 'none', fromAddress: 'a@b.example', fromName: 'X' });
    expect(res.json().error.code).toBe('smtp.plain-not-allowed');
  });

  it('answer a webhook secret once, in the whsec_ form, and never in the list', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const { id, secret } = await webhook('Secret shown once', r);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const list = await admin.get('/api/v1/insights/webhooks');
    expect(list.body).not.toContain(secret.slice(6, 20));
    const rotated = (await admin.post(`/api/v1/insights/webhooks/${id}/rotate-secret`, {})).json();
    expect(rotated.secret).not.toBe(secret);
    expect((await admin.delete(`/api/v1/insights/webhooks/${id}`)).statusCode).toBe(204);
  });
});

describe('an alert with recipients', () => {
  it('reaches the SMTP server in each language and the webhooks with a valid signature; retries a 500 and then records the failure; a 410 fails at once', async () => {
    const ok = await startReceiver(200);
    const failing = await startReceiver(500);
    const gone = await startReceiver(410);
    receivers.push(ok, failing, gone);
    const good = await webhook('Situation room', ok);
    await webhook('Broken endpoint', failing);
    await webhook('Removed endpoint', gone);
    const indonesian = await buildUser(t.ctx, { role: 'analyst', email: 'analis@kemlu.example' });
    // The person chose Indonesian for the app (identity's own table, written as a test fixture).
    await t.ctx.db.execute(sql`update users set locale = 'id' where id = ${indonesian.id}`);
    const created = await admin.post('/api/v1/insights/alert-rules', {
      unitId: rootId,
      name: 'Fisheries surge',
      kind: 'threshold',
      dimension: 'topic',
      key: 'fisheries',
      threshold: 3,
      emailUserIds: [indonesian.id],
      emailAddresses: ['desk@ministry.example'],
      notifyWebhooks: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const hourStart = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(6, hourStart, 'fisheries')));
    const before = smtp.messages.length;
    const outcome = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(hourStart.getTime() + 30 * 60_000) }));
    expect(outcome.raised).toHaveLength(1);
    const alertId = outcome.raised[0] as string;
    await drain();

    // E-mail: one message per recipient, in the recipient's language, with the link to the inbox.
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(2);
    const link = `${staffUrlOf(t.config)}/insights/alerts`;
    const id = mails.find((m) => (m.to as { text: string }).text.includes('analis@kemlu.example'));
    const en = mails.find((m) => (m.to as { text: string }).text.includes('desk@ministry.example'));
    expect(id?.subject).toBe('[DiploDesk] Peringatan: Fisheries surge');
    expect(id?.text).toContain('6 butir dalam satu jam, lebih dari batas aturan, 3.');
    expect(id?.text).toContain(link);
    expect(id?.html).toContain(`href="${link}"`);
    expect(en?.text).toContain('6 items in one hour, more than the rule’s 3.');
    expect(en?.text).toContain('Period:');
    for (const m of mails) expect(`${m.text}${m.html}`).not.toMatch(/relay password|whsec_/);

    // Webhook: verified by the standardwebhooks library, fresh timestamp, the documented body.
    expect(ok.received).toHaveLength(1);
    const hit = ok.received[0]!;
    const headers = signatureHeaders(hit);
    const verified = new Webhook(good.secret).verify(hit.body, headers) as { type: string; data: { alertId: string; ruleName: string; link: string } };
    expect(verified).toMatchObject({ type: 'insights.alert.raised', data: { alertId, ruleName: 'Fisheries surge', link } });
    expect(Math.abs(Number(headers['webhook-timestamp']) - hit.at / 1000)).toBeLessThan(5);
    expect(() => new Webhook(good.secret).verify(hit.body.replace('Fisheries', 'Fishery'), headers)).toThrow();

    // 500: every attempt, the same webhook-id each time, then a recorded failure. 410: once.
    expect(failing.received).toHaveLength(DELIVERY_ATTEMPTS);
    expect(new Set(failing.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(gone.received).toHaveLength(1);
    const log = (await admin.get(`/api/v1/insights/deliveries?alertId=${alertId}`)).json().items as { channel: string; target: string; state: string; attempts: number; lastError: string | null }[];
    expect(log).toHaveLength(5);
    const byTarget = new Map(log.map((d) => [d.target, d]));
    expect(byTarget.get('Situation room')).toMatchObject({ state: 'sent', attempts: 1 });
    expect(byTarget.get('Broken endpoint')).toMatchObject({ state: 'failed', attempts: DELIVERY_ATTEMPTS, lastError: 'The receiver answered 500.' });
    expect(byTarget.get('Removed endpoint')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'The receiver refused the delivery (410).' });
    expect(byTarget.get('desk@ministry.example')).toMatchObject({ channel: 'email', state: 'sent' });
    expect(byTarget.get('analis@kemlu.example')).toMatchObject({ channel: 'email', state: 'sent' });

    // Evaluated again: the same alert, nothing planned or sent again.
    await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(hourStart.getTime() + 40 * 60_000) }));
    await drain();
    expect(smtp.messages.length - before).toBe(2);
    expect(ok.received).toHaveLength(1);
    expect(await t.ctx.db.select().from(insightsAlertDeliveries).where(eq(insightsAlertDeliveries.alertId, alertId))).toHaveLength(5);
  });

  it('offer the unit’s people as recipients, and refuse one who is not a member', async () => {
    const outsider = await buildUser(t.ctx, {});
    const offered = (await admin.get(`/api/v1/insights/recipients?unitId=${rootId}`)).json().items as { email: string }[];
    expect(offered.map((r) => r.email)).toContain('analis@kemlu.example');
    expect(offered.map((r) => r.email)).not.toContain(outsider.email);
    const res = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, name: 'Outsider', kind: 'threshold', threshold: 5, emailUserIds: [outsider.id] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Every e-mail recipient must be an active member');
  });
});

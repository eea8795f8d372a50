// A threat monitor's warning reaches people as an alert rule's alert does: the monitor names people
// (each mailed in their language, a seeded monitor by its name in that language) and addresses and
// whether the unit's webhooks are called; the warning plans its deliveries in its own transaction,
// and each reaches a real SMTP server and a webhook receiver that verifies the Standard Webhooks
// signature exactly once. In the monitor's quiet hours nothing is sent. Recipients are checked as a
// rule's are, and switching a monitor off and on keeps what it watches and whom it tells.
import type { AlertDto, MonitorDto } from '@diplodesk/contracts';
import { eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUrlOf } from '../../../platform/config/config.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { dayPeriod } from '../brief/brief-period.ts';
import { alertsSection } from '../brief/brief-sections.ts';
import { insightsAlertDeliveries } from '../delivery/delivery.tables.ts';
import { insightsJobs, seedDefaultMonitors } from '../index.ts';
import { evaluateMonitors } from '../monitors/evaluate-monitors.ts';
import { applyItems } from '../rollups/apply-items.ts';
import { drainDeliveries, type MailInbox, type Receiver, signatureHeaders, startReceiver, startSmtpServer } from './delivery-fakes.ts';
import { itemsOnDay, ordinaryHistory } from './monitor-history.ts';

const DAY = 86_400_000;
let t: TestApp;
let admin: Client;
let rootId: string;
let smtp: MailInbox;
let receiver: Receiver;
let hookSecret: string;
let runner: JobRunner;
let indonesian: { id: string; email: string };
const now = new Date();
const sourceId = newIdFor();

const monitors = async (): Promise<MonitorDto[]> => (await admin.get('/api/v1/insights/monitors')).json().items;
const patchMonitor = (id: string, body: Record<string, unknown>) => admin.patch(`/api/v1/insights/monitors/${id}`, body);
const drain = () => drainDeliveries(t.ctx.db, runner);
const dayText = (locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Math.floor(now.getTime() / DAY) * DAY));

/** An ordinary history about `topic`, then `today` items today: the topic leaves its band. */
async function surge(topic: string, today: number): Promise<void> {
  const scope = { unitId: rootId, sourceId, now, topicIds: [topic], countries: [] };
  await t.ctx.db.transaction((tx) => applyItems(tx, [...ordinaryHistory(scope), ...itemsOnDay(scope, today, 0)]));
}

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  expect((await admin.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword })).statusCode).toBe(200);
  await seedDefaultMonitors(t.ctx);
  smtp = await startSmtpServer('alerts', 'relay password 456');
  const saved = await admin.request({ method: 'PUT', url: '/api/v1/insights/delivery/smtp', payload: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'alerts', password: 'relay password 456', fromAddress: 'alerts@ministry.example', fromName: 'DiploDesk alerts' } });
  expect(saved.statusCode, saved.body).toBe(200);
  receiver = await startReceiver(200);
  const hook = await admin.post('/api/v1/insights/webhooks', { unitId: rootId, name: 'Situation room', url: receiver.url });
  expect(hook.statusCode, hook.body).toBe(201);
  hookSecret = hook.json().secret;
  indonesian = await buildUser(t.ctx, { role: 'analyst', email: 'pemantau@kemlu.example' });
  // The person chose Indonesian for the app (identity's own table, written as a test fixture).
  await t.ctx.db.execute(sql`update users set locale = 'id' where id = ${indonesian.id}`);
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'monitor-delivery-test', pollMs: 20, leaseMs: 60_000 });
});
afterAll(async () => {
  await receiver?.close();
  await smtp?.close();
  await t?.close();
});

describe('a monitor’s recipients', () => {
  it('are checked as a rule’s are, and a monitor switched off and on keeps what it watches and whom it tells', async () => {
    const health = (await monitors()).find((m) => m.key === 'health') as MonitorDto;
    expect(health).toMatchObject({ emailUserIds: [], emailAddresses: [], notifyWebhooks: false, quietFrom: null, quietTo: null, timeZone: 'UTC' });
    const outsider = await buildUser(t.ctx, {});
    const refused = await patchMonitor(health.id, { emailUserIds: [outsider.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Every e-mail recipient must be an active member');
    const halfQuiet = await patchMonitor(health.id, { quietFrom: '22:00' });
    expect(halfQuiet.statusCode).toBe(400);
    expect(halfQuiet.body).toContain('Quiet hours need a start and an end.');
    const badAddress = await admin.post('/api/v1/insights/monitors', { unitId: rootId, name: 'Bad address', emailAddresses: ['desk at ministry'] });
    expect(badAddress.statusCode).toBe(400);

    const named = await patchMonitor(health.id, { emailUserIds: [indonesian.id], emailAddresses: ['desk@ministry.example'], notifyWebhooks: true });
    expect(named.statusCode, named.body).toBe(200);
    // Not renamed: the seeded name in both languages stays.
    expect(named.json()).toMatchObject({ labels: { en: 'Health', id: 'Kesehatan' }, emailUserIds: [indonesian.id], emailAddresses: ['desk@ministry.example'], notifyWebhooks: true });
    expect((await patchMonitor(health.id, { enabled: false })).json()).toMatchObject({ enabled: false, topicIds: ['health'], watchEvents: false, notifyWebhooks: true });
    expect((await patchMonitor(health.id, { enabled: true })).json()).toMatchObject({ enabled: true, topicIds: ['health'], emailAddresses: ['desk@ministry.example'] });
    const [audit] = await queryRows<{ summary: { emailRecipients: number; notifyWebhooks: boolean } }>(t.ctx.db, sql`select summary from audit_log where target_id = ${health.id} and action = 'insights-monitor.updated' order by seq desc limit 1`);
    expect(audit?.summary).toMatchObject({ emailRecipients: 2, notifyWebhooks: true });
  });
});

describe('a monitor’s warning', () => {
  it('reaches each recipient by e-mail in their language and the webhook, signed, exactly once', async () => {
    const health = (await monitors()).find((m) => m.key === 'health') as MonitorDto;
    await surge('health', 60);
    const outcome = await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now }));
    expect(outcome.raised).toHaveLength(1);
    const alertId = outcome.raised[0] as string;
    // Planned with the warning, in its transaction: the rows are there before any job ran.
    expect(await t.ctx.db.select().from(insightsAlertDeliveries).where(eq(insightsAlertDeliveries.alertId, alertId))).toHaveLength(3);
    await drain();

    const link = `${staffUrlOf(t.config)}/insights/monitors/${health.id}`;
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.uniqueIds().size).toBe(2);
    const mailTo = (address: string) => smtp.messages.find((m) => (m.to as { text: string }).text.includes(address));
    const id = mailTo('pemantau@kemlu.example');
    const en = mailTo('desk@ministry.example');
    expect(id?.subject).toBe('[DiploDesk] Peringatan monitor: Kesehatan');
    expect(id?.text).toContain('Monitor ancaman “Kesehatan” memberi peringatan.');
    expect(id?.text).toContain(`Jumlah butir pada ${dayText('id-ID')}: 60, di atas pita prakiraan (`);
    expect(id?.html).toContain(`href="${link}"`);
    expect(en?.subject).toBe('[DiploDesk] Monitor warning: Health');
    expect(en?.text).toContain(`Items on ${dayText('en-GB')}: 60, above the forecast band (`);
    expect(en?.text).toContain('(UTC)');
    for (const m of smtp.messages) expect(`${m.text}${m.html}`).not.toMatch(/relay password|whsec_|undefined|NaN/);

    expect(receiver.received).toHaveLength(1);
    const hit = receiver.received[0]!;
    const verified = new Webhook(hookSecret).verify(hit.body, signatureHeaders(hit));
    expect(verified).toMatchObject({
      type: 'insights.alert.raised',
      data: { alertId, ruleId: health.id, monitorId: health.id, ruleName: 'Health', kind: 'forecast-band', monitor: { labels: { en: 'Health', id: 'Kesehatan' }, topicIds: ['health'], countries: [] }, why: { bucket: 'day', observed: 60, band: { metric: 'items', reason: 'above-band' } }, link },
    });
    expect(() => new Webhook(hookSecret).verify(hit.body.replace('Health', 'Wealth'), signatureHeaders(hit))).toThrow();

    // The inbox and the delivery log name it in both languages; everything was sent.
    const alert = ((await admin.get('/api/v1/insights/alerts')).json().items as AlertDto[]).find((a) => a.id === alertId);
    expect(alert).toMatchObject({ kind: 'forecast-band', ruleName: 'Health', ruleLabels: { en: 'Health', id: 'Kesehatan' }, notified: true, why: { band: { metric: 'items', reason: 'above-band' } } });
    const log = (await admin.get(`/api/v1/insights/deliveries?alertId=${alertId}`)).json().items as { state: string; ruleName: string; ruleLabels: unknown }[];
    expect(log.map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);
    expect(log[0]).toMatchObject({ ruleName: 'Health', ruleLabels: { en: 'Health', id: 'Kesehatan' } });
    const raised = await queryRows<{ data: { alertId: string; ruleLabels?: unknown } }>(t.ctx.db, sql`select data from outbox where type = 'insights.alert-raised'`);
    expect(raised.find((e) => e.data.alertId === alertId)?.data.ruleLabels).toEqual({ en: 'Health', id: 'Kesehatan' });
    // The daily brief lists it by the monitor's name.
    const day = dayPeriod(now.toISOString().slice(0, 10), 'UTC');
    const brief = await alertsSection.build(t.ctx.db, { ...day, unitId: rootId, unitIds: [rootId] });
    expect(brief.items.map((i) => i.title)).toContain('Health');

    // Evaluated again the same day: the same warning, nothing planned or sent again.
    expect((await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now: new Date(now.getTime() + 60_000) }))).raised).toEqual([]);
    await drain();
    expect(smtp.messages).toHaveLength(2);
    expect(receiver.received).toHaveLength(1);
    expect(await t.ctx.db.select().from(insightsAlertDeliveries).where(eq(insightsAlertDeliveries.alertId, alertId))).toHaveLength(3);
  });

  it('in the monitor’s quiet hours stays in the inbox without a toast, an e-mail or a webhook call', async () => {
    const hh = (at: Date) => at.toISOString().slice(11, 13);
    const quiet = await admin.post('/api/v1/insights/monitors', {
      unitId: rootId,
      name: 'Cyber at night',
      topicIds: ['technology-cyber'],
      emailAddresses: ['night-desk@ministry.example'],
      notifyWebhooks: true,
      quietFrom: `${hh(now)}:00`,
      quietTo: `${hh(new Date(now.getTime() + 2 * 3_600_000))}:00`,
      timeZone: 'UTC',
    });
    expect(quiet.statusCode, quiet.body).toBe(201);
    // The seeded cyber monitor would warn on the same items; this test is about the quiet one.
    const seeded = (await monitors()).find((m) => m.key === 'technology-cyber') as MonitorDto;
    expect((await patchMonitor(seeded.id, { enabled: false })).statusCode).toBe(200);
    await surge('technology-cyber', 60);
    const outcome = await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now }));
    expect(outcome.raised).toHaveLength(1);
    const alertId = outcome.raised[0] as string;
    await drain();
    expect(await t.ctx.db.select().from(insightsAlertDeliveries).where(eq(insightsAlertDeliveries.alertId, alertId))).toEqual([]);
    expect(smtp.messages).toHaveLength(2);
    expect(receiver.received).toHaveLength(1);
    const alert = ((await admin.get('/api/v1/insights/alerts')).json().items as AlertDto[]).find((a) => a.id === alertId);
    expect(alert).toMatchObject({ ruleName: 'Cyber at night', ruleLabels: null, notified: false });
    const events = await queryRows<{ type: string }>(t.ctx.db, sql`select type from outbox where data->>'alertId' = ${alertId}`);
    expect(events.map((e) => e.type)).toEqual(['insights.alert-changed']);
  });
});

// The daily brief end to end: real items stored through listening's ingest (near-duplicates of one
// story from three sources) and an alert raised by a rule; the brief's sections as JSON and as a PDF
// read back with pdftotext; a schedule set by insight.manage and audited; two planners racing on the
// due day, the e-mails reaching a real SMTP server with the PDF attached, once per recipient, in each
// recipient's language; planning or re-running the same day sends nothing more.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobs } from '../../../platform/db/platform.tables.ts';
import { createJobRegistry, createJobRunner, enqueueJob, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit, type UnitRow } from '../../identity/index.ts';
import { createAnalyser, ingestBatch, insertSource, itemFacts } from '../../listening/index.ts';
import { evaluateAlertRules } from '../alerts/evaluate-rules.ts';
import { dayPeriod, localDate } from '../brief/brief-period.ts';
import { insightsBriefDeliveries, insightsBriefSchedules } from '../brief/brief.tables.ts';
import { planDueBriefs, sendBriefJobSpec } from '../brief/send-brief.job.ts';
import { insightsJobs } from '../insights-jobs.ts';
import { applyItems } from '../rollups/apply-items.ts';
import { type MailInbox, startSmtpServer } from './delivery-fakes.ts';

let t: TestApp;
let admin: Client;
let editor: Client;
let root: UnitRow;
let smtp: MailInbox;
let runner: JobRunner;
let day: string;
let analystId: string;
const HOUR = 3_600_000;
const story = 'Indonesia and Japan sign a maritime patrol agreement in Jakarta as both navies plan joint exercises near the Natuna islands next month';

/** The PDF's text as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brief-int-')), 'brief.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function drain(): Promise<void> {
  for (let round = 0; round < 50; round++) {
    while (await runner.runOnce()) {
      // keep going
    }
    const queued = await t.ctx.db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.name, sendBriefJobSpec.name), eq(jobs.status, 'queued')));
    if (queued.length === 0) return;
    await t.ctx.db.update(jobs).set({ runAt: sql`now()` }).where(inArray(jobs.id, queued.map((q) => q.id)));
  }
  throw new Error('brief deliveries did not settle');
}

beforeAll(async () => {
  t = await createTestApp();
  root = (await findRootUnit(t.ctx.db)) as UnitRow;
  admin = await signInAs(t.app, adminEmail, adminPassword);
  expect((await admin.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword })).statusCode).toBe(200);
  const analyst = await buildUser(t.ctx, { role: 'analyst', email: 'analyst.brief@ministry.example' });
  analystId = analyst.id;
  editor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor' })).email, testPassword);
  smtp = await startSmtpServer('briefs', 'brief relay password');
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'brief-test', pollMs: 20, leaseMs: 60_000 });

  // Two days ago in the unit's zone: a whole day, and not the day a schedule saved today marks as done.
  day = localDate(new Date(Date.now() - 2 * 86_400_000), root.timeZone);
  const { from } = dayPeriod(day, root.timeZone);
  const at = (h: number) => new Date(from.getTime() + h * HOUR).toISOString();
  const analyser = await createAnalyser();
  const ids: string[] = [];
  for (const [n, name] of ['Jakarta Post wire', 'Tokyo desk', 'ASEAN monitor'].entries()) {
    const source = await insertSource(t.ctx.db, { unitId: root.id, connector: 'import', name, status: 'paused', config: {} });
    const items = [{ remoteId: `story-${n}`, text: story, language: 'en', publishedAt: at(3 + n) }];
    if (n === 0) {
      items.push({ remoteId: 'story-again', text: `${story}.`, language: 'en', publishedAt: at(9) });
      items.push({ remoteId: 'other', text: 'Fiji thanks Indonesia for the vaccine donation delivered to clinics across Viti Levu this week', language: 'en', publishedAt: at(10) });
      items.push({ remoteId: 'before', text: 'Yesterday’s item that belongs to the day before the brief', language: 'en', publishedAt: new Date(from.getTime() - HOUR).toISOString() });
    }
    ids.push(...(await ingestBatch(t.ctx, analyser, source, items)).inserted);
  }
  // The rollups are kept from listening's events; applied here directly so the chart's hours are known.
  await t.ctx.db.transaction(async (tx) => applyItems(tx, await itemFacts(tx, ids)));
  const rule = await admin.post('/api/v1/insights/alert-rules', { unitId: root.id, name: 'Maritime surge', kind: 'threshold', dimension: 'all', threshold: 2, bucket: 'day', timeZone: root.timeZone });
  expect(rule.statusCode, rule.body).toBe(201);
  const raised = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(from.getTime() + 11 * HOUR) }));
  expect(raised.raised).toHaveLength(1);
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('the brief of a unit’s day', () => {
  it('has the day’s biggest story first, the alert, the image index of the day, and the threat monitors that changed', async () => {
    const res = await editor.get(`/api/v1/insights/brief?unit=${root.id}&date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const brief = res.json();
    expect(brief).toMatchObject({ unitId: root.id, date: day, timeZone: root.timeZone });
    expect(brief.sections.map((s: { id: string }) => s.id)).toEqual(['top-stories', 'alerts', 'image-index', 'threat-changes']);
    const [top, alerts, image, threats] = brief.sections;
    expect(top.figures).toEqual([
      { key: 'items', value: 5 },
      { key: 'largestStory', value: 4 },
    ]);
    expect(top.items[0]).toMatchObject({ count: 4, title: expect.stringContaining('Indonesia and Japan sign a maritime patrol agreement'), url: expect.stringMatching(/^\/listening\/items\/[0-9a-f-]{36}$/) });
    expect(top.items[1]).toMatchObject({ count: 1, title: expect.stringContaining('Fiji thanks Indonesia') });
    expect(top.items).toHaveLength(2);
    // Items per local hour: 24 bars, the story's copies at 03:00, 04:00, 05:00 and 09:00.
    expect(top.chart).toHaveLength(24);
    expect(top.chart.reduce((s: number, p: { value: number }) => s + p.value, 0)).toBe(5);
    expect(top.chart[3]).toEqual({ label: '03:00', value: 1 });
    expect(alerts.figures).toEqual([
      { key: 'alerts', value: 1 },
      { key: 'open', value: 1 },
    ]);
    expect(alerts.items[0]).toMatchObject({ title: 'Maritime surge', tag: 'threshold', url: '/insights/alerts' });
    // Every item of the day names Indonesia, the demo workspace's country: the index counts all five.
    expect(image).toMatchObject({ state: 'ready', figures: expect.arrayContaining([{ key: 'imageItems', value: 5 }]) });
    expect(image.chart).toHaveLength(24);
    expect(image.chart.reduce((s: number, p: { value: number }) => s + p.value, 0)).toBe(5);
    // What pulled it: items above or below the day's mean tone (none when every item scored the same).
    for (const item of image.items) expect(item).toMatchObject({ tag: expect.stringMatching(/^pulls-(up|down)$/), url: expect.stringMatching(/^\/listening\/items\//) });
    // The default monitors see too little here to warn: the section is there, with its counts at zero.
    expect(threats).toMatchObject({ id: 'threat-changes', state: 'ready', figures: [{ key: 'monitorsWarning', value: 0 }, { key: 'monitorsLeftBand', value: 0 }], items: [] });
  });

  it('says the image index is not configured while the workspace names no country of its own', async () => {
    const clear = await admin.request({ method: 'PUT', url: '/api/v1/insights/settings/our-country', payload: { country: null } });
    expect(clear.statusCode, clear.body).toBe(200);
    const brief = (await editor.get(`/api/v1/insights/brief?unit=${root.id}&date=${day}`)).json();
    expect(brief.sections[2]).toEqual({ id: 'image-index', state: 'not-configured', figures: [], items: [], chart: null });
    expect((await admin.request({ method: 'PUT', url: '/api/v1/insights/settings/our-country', payload: { country: 'ID' } })).statusCode).toBe(200);
  });

  it('is empty on a day without items, and refuses a bad date and a unit the caller cannot read', async () => {
    const other = localDate(new Date(Date.now() - 20 * 86_400_000), root.timeZone);
    const empty = (await editor.get(`/api/v1/insights/brief?unit=${root.id}&date=${other}`)).json();
    expect(empty.sections[0].figures[0]).toEqual({ key: 'items', value: 0 });
    expect(empty.sections[0].chart).toBeNull();
    expect((await editor.get(`/api/v1/insights/brief?unit=${root.id}&date=2026-02-30`)).statusCode).toBe(400);
    expect((await editor.get('/api/v1/insights/brief?unit=01900000-0000-7000-8000-000000000000')).json().error.code).toBe('unit.not-found');
  });

  it('comes as a PDF in Indonesian and English with the same story and alert', async () => {
    const id = await editor.request({ method: 'GET', url: `/api/v1/insights/brief.pdf?unit=${root.id}&date=${day}&lang=id` });
    expect(id.statusCode).toBe(200);
    expect(id.headers['content-type']).toBe('application/pdf');
    expect(id.headers['content-disposition']).toContain(`${day}.pdf`);
    const text = pdfText(id.rawPayload);
    expect(text).toContain('Ringkasan harian');
    expect(text).toContain(`Unit: ${root.name}`);
    expect(text).toContain('Butir terkumpul: 5');
    expect(text).toContain('1. Indonesia and Japan sign a maritime patrol agreement');
    expect(text).toContain('Maritime surge');
    expect(text).toContain('Pemantau ancaman yang berubah');
    expect(text).toMatch(/Halaman 1 dari 1/);
    const en = pdfText((await editor.request({ method: 'GET', url: `/api/v1/insights/brief.pdf?unit=${root.id}&date=${day}&lang=en` })).rawPayload);
    expect(en).toContain('Daily brief');
    expect(en).toContain('Items collected: 5');
    expect(en).toContain('Page 1 of 1');
  });
});

describe('the brief schedule', () => {
  it('is changed only with insight.manage, audited, and shown with the defaults until saved', async () => {
    const before = (await editor.get(`/api/v1/insights/brief/schedule?unit=${root.id}`)).json();
    expect(before).toMatchObject({ saved: false, enabled: false, timeOfDay: '07:00', timeZone: root.timeZone, policies: { update: false } });
    const body = { unitId: root.id, enabled: true, timeOfDay: '07:00', timeZone: root.timeZone, language: 'id', userIds: [analystId], addresses: ['Desk@Ministry.example'] };
    expect((await editor.request({ method: 'PUT', url: '/api/v1/insights/brief/schedule', payload: body })).statusCode).toBe(403);
    expect((await admin.request({ method: 'PUT', url: '/api/v1/insights/brief/schedule', payload: { ...body, timeOfDay: '25:00' } })).statusCode).toBe(400);
    const saved = await admin.request({ method: 'PUT', url: '/api/v1/insights/brief/schedule', payload: body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, enabled: true, language: 'id', addresses: ['desk@ministry.example'], policies: { update: true } });
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'insights-brief-schedule.updated'));
    expect(entry).toMatchObject({ targetId: root.id, unitId: root.id });
  });

  it('sends the day’s brief once per recipient with the PDF attached, in each one’s language, however often it is planned', async () => {
    const relay = await admin.request({ method: 'PUT', url: '/api/v1/insights/delivery/smtp', payload: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'briefs', password: 'brief relay password', fromAddress: 'briefs@ministry.example', fromName: 'DiploDesk briefs' } });
    expect(relay.statusCode, relay.body).toBe(200);
    // The morning after the brief's day, past 07:00 in the unit's zone.
    const next = dayPeriod(day, root.timeZone).to;
    const morning = new Date(next.getTime() + 7 * HOUR + 5 * 60_000);
    expect(await t.ctx.db.transaction((tx) => planDueBriefs(tx, new Date(next.getTime() + 6 * HOUR)))).toBe(0);
    // Two planners at once: one plans, the other finds the day planned.
    const planned = await Promise.all([t.ctx.db.transaction((tx) => planDueBriefs(tx, morning)), t.ctx.db.transaction((tx) => planDueBriefs(tx, morning))]);
    expect(planned.sort()).toEqual([0, 2]);
    await drain();
    const mails = smtp.messages.filter((m) => m.subject?.includes('Daily brief') || m.subject?.includes('Ringkasan harian'));
    expect(mails).toHaveLength(2);
    const toOf = (m: (typeof mails)[number]) => (m.to as { text: string }).text;
    const desk = mails.find((m) => toOf(m).includes('desk@ministry.example'));
    const person = mails.find((m) => toOf(m).includes('analyst.brief@ministry.example'));
    expect(desk?.subject).toBe(`[DiploDesk] Ringkasan harian: ${root.name}, ${new Intl.DateTimeFormat('id-ID', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))}`);
    expect(desk?.text).toContain(`/insights/brief?unit=${root.id}&date=${day}`);
    for (const [mail, words] of [
      [desk, ['Ringkasan harian', 'Butir terkumpul: 5', 'Maritime surge']],
      [person, ['Daily brief', 'Items collected: 5', 'Maritime surge']],
    ] as const) {
      expect(mail?.attachments).toHaveLength(1);
      const pdf = mail?.attachments[0];
      expect(pdf?.contentType).toBe('application/pdf');
      expect(pdf?.filename).toMatch(new RegExp(`^brief-.*-${day}\\.pdf$`));
      const text = pdfText(pdf?.content as Buffer);
      for (const w of words) expect(text).toContain(w);
    }

    // The log: one sent row per recipient for the day.
    const log = (await editor.get(`/api/v1/insights/brief/deliveries?unit=${root.id}`)).json();
    expect(log.items).toHaveLength(2);
    expect(log.items.every((r: { state: string; date: string; attempts: number }) => r.state === 'sent' && r.date === day && r.attempts === 1)).toBe(true);

    // Planned again (the scheduler's mark lost, a later minute) and a job for a sent row run again: nothing more leaves.
    await t.ctx.db.update(insightsBriefSchedules).set({ lastPlannedDay: null });
    expect(await t.ctx.db.transaction((tx) => planDueBriefs(tx, new Date(morning.getTime() + HOUR)))).toBe(0);
    const [sent] = await t.ctx.db.select().from(insightsBriefDeliveries).limit(1);
    await enqueueJob(t.ctx.db, sendBriefJobSpec, { deliveryId: sent?.id ?? '' }, { idempotencyKey: 'brief-test-rerun' });
    await drain();
    expect(smtp.messages.filter((m) => m.attachments.length > 0)).toHaveLength(2);
    expect(smtp.uniqueIds().size).toBe(smtp.messages.length);
  });
});

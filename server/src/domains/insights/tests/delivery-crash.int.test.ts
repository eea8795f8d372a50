// The delivery crash test: the job runner runs as a child process on an embedded (PGlite) data
// directory and is SIGKILLed at seeded random moments while it delivers alerts by e-mail and
// webhook to receivers that answer slowly (so kills land mid-call). The receivers live in this
// process, so what they got is the ground truth across restarts. Each receiver counts a message
// once by its id (Message-ID, webhook-id), as both protocols expect: every delivery must have
// arrived, under exactly one id of its own, and be recorded as sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config/config.ts';
import { createPlatformContext } from '../../../platform/context.ts';
import { newIdFor, openDatabase, queryRows } from '../../../platform/db/index.ts';
import { saveSmtpSettings } from '../../../platform/mail/index.ts';
import { type CrashChild, seededRandom, startCrashChild, waitForStatus } from '../../../test/crash-harness.ts';
import { freePort } from '../../../test/server-process.ts';
import { TEST_OUTBOUND_ALLOW } from '../../../test/outbound.ts';
import { findRootUnit, initialiseWorkspace } from '../../identity/index.ts';
import { planAlertDeliveries } from '../delivery/plan-deliveries.ts';
import { insightsAlertDeliveries, insightsWebhooks } from '../delivery/delivery.tables.ts';
import { webhookSecretContext } from '../delivery/deliver-alert.job.ts';
import { generateWebhookSecret } from '../delivery/webhook-signature.ts';
import { insightsAlertRules, insightsAlerts } from '../insights.tables.ts';
import { type MailInbox, type Receiver, startReceiver, startSmtpServer } from './delivery-fakes.ts';

const SEED = Number(process.env.CRASH_SEED ?? 20261207);
const TRIALS = Number(process.env.CRASH_TRIALS ?? 8);
const ALERTS = 6;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-delivery-crash-'));
let child: CrashChild | null = null;
let smtp: MailInbox | null = null;
let receiver: Receiver | null = null;

afterAll(async () => {
  await child?.kill();
  await smtp?.close();
  await receiver?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const startChild = (env: Record<string, string>, statusPort: number) => startCrashChild(path.join(import.meta.dirname, 'delivery-crash-child.ts'), env, statusPort);

it(`delivers every (alert, channel, recipient) exactly once by id across ${TRIALS} SIGKILLs`, { timeout: 300_000 }, async () => {
  const random = seededRandom(SEED);
  smtp = await startSmtpServer('alerts', 'crash relay password', { delayMs: 250 });
  receiver = await startReceiver(200, { delayMs: 250 });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    DIPLODESK_SECRET: 'crash-test-secret-crash-test-secret-0123',
    OUTBOUND_ALLOW_CIDRS: TEST_OUTBOUND_ALLOW,
    DIPLODESK_ADMIN_EMAIL: 'admin@crash.test',
    DIPLODESK_ADMIN_PASSWORD: 'correct horse battery staple',
    JOB_POLL_MS: '50',
    JOB_LEASE_MS: '3000',
    JOB_CONCURRENCY: '2',
  };

  // Setup while no worker runs: the relay, one webhook, a rule with two addresses, N alerts planned.
  let secret = '';
  {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ctx = createPlatformContext(loadConfig(env), database, pino({ level: 'silent' }));
    await initialiseWorkspace(ctx);
    const unitId = (await findRootUnit(database.db))!.id;
    await saveSmtpSettings(database.db, ctx.secretBox.for('notification-secrets'), { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'alerts', password: 'crash relay password', fromAddress: 'alerts@crash.test', fromName: 'Alerts', updatedBy: null });
    // The webhook as its command stores it (the command itself is exercised with a principal in delivery.int.test.ts).
    secret = generateWebhookSecret();
    const hookId = newIdFor();
    await database.db.insert(insightsWebhooks).values({ id: hookId, unitId, name: 'Receiver', url: receiver.url, secretSealed: ctx.secretBox.for('notification-secrets').seal(secret, webhookSecretContext(hookId)), secretCreatedAt: new Date(), enabled: true, includeSubunits: false });
    const ruleId = newIdFor();
    const rule = { unitId, emailUserIds: [], emailAddresses: ['desk@crash.test', 'duty@crash.test'], notifyWebhooks: true };
    await database.db.insert(insightsAlertRules).values({ id: ruleId, name: 'Crash rule', kind: 'threshold', dimension: 'all', key: null, threshold: 1, bucket: 'hour', coolDownMinutes: 0, quietFrom: null, quietTo: null, timeZone: 'UTC', notifyInApp: false, enabled: false, ...rule });
    for (let i = 0; i < ALERTS; i++) {
      const now = new Date(Date.now() - i * 60_000);
      const why = { method: 'threshold', bucket: 'hour' as const, series: [], start: 0, end: 0, observed: 10 + i, expected: 1, sd: null, score: 10 + i, threshold: 1 };
      await database.db.transaction(async (tx) => {
        const id = newIdFor();
        await tx.insert(insightsAlerts).values({ id, ruleId, unitId, firstFiredAt: now, lastFiredAt: now, lastBucketAt: now, notified: true, why, fromAt: now, toAt: now });
        await planAlertDeliveries(tx, { id, unitId }, rule);
      });
    }
    await database.close();
  }

  const statusPort = await freePort();
  const settled = (status: { state: string; n: number }[]) => status.every((s) => ['sent', 'failed', 'unconfirmed'].includes(s.state));
  // Whether each kill found deliveries still to make: a kill after the end proves nothing.
  const workLeftAtKill: boolean[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    child = await startChild(env, statusPort);
    await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 900)));
    const before = await child.status<{ state: string; n: number }[]>();
    await child.kill();
    workLeftAtKill.push(before === null || !settled(before));
  }

  // Undisturbed to the end, then stopped; the data directory is read again.
  child = await startChild(env, statusPort);
  await waitForStatus<{ state: string; n: number }[]>(child, settled, 'deliveries settled', 120_000);
  await child.stop();
  const database = await openDatabase({ dataDir });
  const rows = await database.db.select().from(insightsAlertDeliveries);
  const [{ repeats } = { repeats: 0 }] = await queryRows<{ repeats: number }>(database.db, sql`select coalesce(sum(attempts - 1), 0)::int as repeats from insights_alert_deliveries`);
  await database.close();

  const mailsById = new Map<string, number>();
  for (const m of smtp.messages) mailsById.set(m.messageId ?? '', (mailsById.get(m.messageId ?? '') ?? 0) + 1);
  const hooksById = new Map<string, number>();
  for (const r of receiver.received) {
    const id = String(r.headers['webhook-id']);
    new Webhook(secret).verify(r.body, { 'webhook-id': id, 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
    hooksById.set(id, (hooksById.get(id) ?? 0) + 1);
  }
  let lost = 0;
  const problems: string[] = [];
  for (const row of rows) {
    const arrived = row.channel === 'email' ? [...mailsById.keys()].some((id) => id.startsWith(`<${row.id}@`)) : hooksById.has(row.id);
    if (!arrived) lost += 1;
    if (row.state !== 'sent' || !arrived) problems.push(`${row.channel} ${row.targetLabel}: state=${row.state} arrived=${arrived} attempts=${row.attempts} lastError=${row.lastError}`);
  }
  // Ids the receivers saw that belong to no delivery would be messages sent twice under new ids.
  const known = new Set(rows.map((r) => r.id));
  const strays = [...mailsById.keys()].filter((id) => !known.has(id.slice(1, 37))).length + [...hooksById.keys()].filter((id) => !known.has(id)).length;
  const summary = {
    seed: SEED,
    trials: TRIALS,
    killsWithWorkLeft: workLeftAtKill.filter(Boolean).length,
    deliveries: rows.length,
    sent: rows.filter((r) => r.state === 'sent').length,
    lost,
    uniqueMessages: mailsById.size + hooksById.size,
    copiesDroppedById: smtp.messages.length - mailsById.size + receiver.received.length - hooksById.size,
    attemptsRepeatedAfterKills: repeats,
    strays,
  };
  process.stdout.write(`delivery crash test: ${JSON.stringify(summary)}\n${problems.slice(0, 12).join('\n')}\n`);
  expect(rows).toHaveLength(ALERTS * 3);
  expect(problems).toEqual([]);
  expect(lost).toBe(0);
  expect(strays).toBe(0);
  expect(summary.uniqueMessages).toBe(ALERTS * 3);
});

// Once a minute every rule and every monitor is evaluated, also when no item arrived (a rule's quiet hours end, a
// window moves on) and after a failed evaluation on an item event. Each run schedules the next.
import { z } from 'zod';
import type { Executor } from '../../../platform/db/index.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import { evaluateMonitors } from '../monitors/evaluate-monitors.ts';
import { evaluateAlertRules } from './evaluate-rules.ts';

const jobName = 'insights.evaluate-alerts@1';
const payload = z.object({ minute: z.iso.datetime() });
const MINUTE_MS = 60_000;

export const evaluateAlertsJob = defineJob({
  name: jobName,
  payload,
  maxAttempts: 3,
  async handler(input, { tx }) {
    await evaluateAlertRules(tx, { now: new Date() });
    await evaluateMonitors(tx, { now: new Date() });
    // After a stop, the next run is the coming minute, not every minute that was missed.
    await scheduleAlertEvaluation(tx, new Date(Math.max(Date.now(), new Date(input.minute).getTime() + MINUTE_MS)));
  },
});

/** Enqueues the evaluation of the minute that contains `at` (one job per minute, whoever asks). */
export async function scheduleAlertEvaluation(x: Executor, at: Date = new Date()): Promise<void> {
  const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  await enqueueJob(x, evaluateAlertsJob, { minute: minute.toISOString() }, { idempotencyKey: `${jobName}:${minute.toISOString()}`, runAt: minute });
}

// Test support for alert delivery: a real SMTP server (smtp-server) whose parsed messages the test
// reads, and a webhook receiver on loopback that answers what the test asks. Both count each
// message once by its id (Message-ID, webhook-id), as receivers are expected to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { jobs } from '../../../platform/db/platform.tables.ts';
import type { JobRunner } from '../../../platform/jobs/index.ts';

export { type MailInbox, startSmtpServer } from '../../../test/smtp-server.ts';

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };
export type Receiver = { url: string; received: Received[]; answer: (status: number) => void; close(): Promise<void> };

/** A webhook endpoint answering `status` (200 unless told otherwise) to every POST. */
export async function startReceiver(initial = 200, opts: { delayMs?: number } = {}): Promise<Receiver> {
  const received: Received[] = [];
  let status = initial;
  const server = http.createServer((req, res) => {
    let body = '';
    // A caller killed while sending or waiting resets the connection; that is the point of the crash test.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      setTimeout(() => res.writeHead(status).end(), opts.delayMs ?? 0);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    answer: (s) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs due delivery jobs until none is left, making delayed retries due at once. */
export async function drainDeliveries(db: Executor, runner: JobRunner): Promise<void> {
  for (let round = 0; round < 100; round++) {
    while (await runner.runOnce()) {
      // keep going
    }
    const queued = await db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.name, 'insights.deliver-alert@1'), eq(jobs.status, 'queued')));
    if (queued.length === 0) return;
    await db.update(jobs).set({ runAt: sql`now()` }).where(inArray(jobs.id, queued.map((q) => q.id)));
  }
  throw new Error('deliveries did not settle');
}

/** The Standard Webhooks headers of a received call, as a verifying library takes them. */
export const signatureHeaders = (hit: Received) => ({ 'webhook-id': String(hit.headers['webhook-id']), 'webhook-timestamp': String(hit.headers['webhook-timestamp']), 'webhook-signature': String(hit.headers['webhook-signature']) });

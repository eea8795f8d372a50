// The public side of the statements desk, measured against bare Fastify routes in the same process:
// - POST /api/v1/public/verify with the text of a 2 KB statement (it normalises, hashes, looks the
//   text up among 500 signed entries, checks the Ed25519 signature) vs a bare route answering the
//   same JSON. Goal: ≥ 40 %.
// - GET of a signed newsroom page (server-rendered HTML) vs a bare route sending the same HTML.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { findRootUnit, initialiseWorkspace } from '../server/src/domains/identity/index.ts';
import { recordSignedStatement } from '../server/src/domains/statements/newsroom/index.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { inTransaction } from '../server/src/platform/context.ts';
import { newIdFor, openDatabase } from '../server/src/platform/db/index.ts';
import { createInProcessBus } from '../server/src/platform/events/index.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

type Figures = { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

async function load(opts: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections, duration: durationSeconds, ...opts });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

// About 2 KB of statement prose, varied per entry so the lookup has real candidates to rule out.
function statementBody(n: number): string {
  const paragraphs = [
    `The Government welcomes the conclusion of the ${n}th round of consultations on maritime cooperation in the region.`,
    'Both delegations reaffirmed their commitment to the freedom of navigation, the peaceful settlement of disputes and the full respect of international law, including the United Nations Convention on the Law of the Sea.',
    'The two sides agreed to strengthen coordination between their coast guards, to exchange information on illegal, unreported and unregulated fishing, and to hold joint search-and-rescue exercises next year.',
    'They also discussed the protection of the marine environment, the reduction of plastic waste in shared waters and support for coastal communities affected by rising sea levels.',
    `The next round of consultations will be held in the first quarter, at a date to be agreed through diplomatic channels. Reference ${n.toString(36)}.`,
  ];
  let body = paragraphs.join('\n\n');
  while (Buffer.byteLength(body) < 2048) body += `\n\nThe delegations thanked each other for the constructive spirit of the talks (${n}).`;
  return body.slice(0, 2100);
}

export async function benchNewsroom(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-newsroom-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    // One client at full speed: the per-caller limits run on every request but must not refuse.
    API_RATE_PER_MINUTE: '10000000',
    PUBLIC_RATE_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    DIPLODESK_ADMIN_EMAIL: 'bench@diplodesk.local',
    DIPLODESK_ADMIN_PASSWORD: 'bench password 0123',
    DIPLODESK_SERVICES: 'web',
    WEB_DIST: '/nonexistent',
    PUBLIC_URL: 'https://news.example.go.id',
    VERIFY_RATE_PER_MINUTE: '1000000',
    ACTIVITYPUB_ENABLED: '0',
  });
  const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir });
  await database.migrate();
  const bus = createInProcessBus();
  const { app, ctx } = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }) });
  await initialiseWorkspace(ctx);
  const root = await findRootUnit(ctx.db);
  if (!root) throw new Error('no organisation');

  const entries = 500;
  const publishedAt = new Date(Date.now() - 3600_000);
  let target = { url: '', title: '', body: '' };
  for (let n = 0; n < entries; n++) {
    const title = `Joint statement on maritime cooperation, round ${n}`;
    const body = statementBody(n);
    const recorded = await inTransaction(ctx, (tx) =>
      recordSignedStatement(tx, ctx, { statementId: newIdFor(), organisationId: root.id, unitId: root.id, kind: 'statement', language: 'en', title, body, publishedAt, attachments: [] }),
    );
    if (n === Math.floor(entries / 2)) target = { url: recorded.url, title, body };
  }
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const pagePath = new URL(target.url).pathname;
  const verifyBody = JSON.stringify({ text: target.body });
  const verifyAnswer = await fetch(`${base}/api/v1/public/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: verifyBody });
  const verifyJson = await verifyAnswer.text();
  const verdict = (JSON.parse(verifyJson) as { verdict?: string }).verdict;
  if (verdict !== 'genuine') throw new Error(`verify answered ${verifyAnswer.status} ${verifyJson.slice(0, 200)}`);
  const pageHtml = await (await fetch(`${base}${pagePath}`)).text();

  const bare = Fastify();
  bare.post('/verify', async (_req, reply) => reply.type('application/json; charset=utf-8').send(verifyJson));
  bare.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send(pageHtml));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const post = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: verifyBody };
  await autocannon({ url: `${bareUrl}/verify`, ...post, connections, duration: 2 });
  await autocannon({ url: `${base}/api/v1/public/verify`, ...post, connections, duration: 2 });
  const bareVerify = await load({ url: `${bareUrl}/verify`, ...post });
  const verify = await load({ url: `${base}/api/v1/public/verify`, ...post });
  // Every request a different raw text (trailing spaces and tabs spelling a counter) that
  // normalises to the same statement: misses the result cache, takes the full hash-and-check path.
  let counter = 0;
  const varied = await load({
    url: `${base}/api/v1/public/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: `${target.body}\n${(counter++).toString(2).replace(/0/g, ' ').replace(/1/g, '\t')}` }) }) }],
  });
  await autocannon({ url: `${bareUrl}/page`, connections, duration: 2 });
  await autocannon({ url: `${base}${pagePath}`, connections, duration: 2 });
  const barePage = await load({ url: `${bareUrl}/page` });
  const page = await load({ url: `${base}${pagePath}` });

  await bare.close();
  await app.close();
  await bus.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const env = { database: database.kind, entries, connections, durationSeconds, statementBytes: Buffer.byteLength(target.body), cpus: os.cpus().length, node: process.version };
  console.log(JSON.stringify({ bench: 'newsroom', route: 'bare fastify POST (same verify JSON)', ...bareVerify, ...env }));
  console.log(JSON.stringify({ bench: 'newsroom', route: 'POST /api/v1/public/verify (2 KB text)', ...verify, ...env }));
  console.log(JSON.stringify({ bench: 'newsroom', route: 'POST /api/v1/public/verify (2 KB text, a new spelling each request: no cache)', ...varied, ...env }));
  const verifyRatio = verify.requestsPerSecond / bareVerify.requestsPerSecond;
  console.log(JSON.stringify({ bench: 'newsroom', metric: 'verify uncached/bare throughput', ratio: Number((varied.requestsPerSecond / bareVerify.requestsPerSecond).toFixed(3)) }));
  console.log(JSON.stringify({ bench: 'newsroom', metric: 'verify/bare throughput', ratio: Number(verifyRatio.toFixed(3)), goal: 0.4, meetsGoal: verifyRatio >= 0.4 }));
  console.log(JSON.stringify({ bench: 'newsroom', route: 'bare fastify GET (same page HTML)', ...barePage, pageBytes: Buffer.byteLength(pageHtml), ...env }));
  console.log(JSON.stringify({ bench: 'newsroom', route: 'GET /newsroom/:lang/:slug', ...page, pageBytes: Buffer.byteLength(pageHtml), ...env }));
  const pageRatio = page.requestsPerSecond / barePage.requestsPerSecond;
  const summary = { bench: 'newsroom', metric: 'newsroom page/bare throughput', ratio: Number(pageRatio.toFixed(3)), pageRequestsPerSecond: page.requestsPerSecond, verifyRatio: Number(verifyRatio.toFixed(3)) };
  console.log(JSON.stringify(summary));
  return summary;
}

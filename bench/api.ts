// GET /api/v1/me with a valid session vs a bare Fastify route returning the same JSON, in one
// process on one machine. Prints one JSON line per route and one with the ratio.
// Goal: the authenticated route reaches ≥ 50 % of the bare route's throughput.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { initialiseWorkspace } from '../server/src/domains/identity/index.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { openDatabase } from '../server/src/platform/db/index.ts';
import { createInProcessBus } from '../server/src/platform/events/index.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

type Figures = { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const result = await autocannon({ url, headers, connections, duration: durationSeconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function benchApi(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost:8080',
    LOG_LEVEL: 'silent',
    // One client at full speed: the per-caller limits run on every request but must not refuse.
    API_RATE_PER_MINUTE: '10000000',
    PUBLIC_RATE_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    DIPLODESK_ADMIN_EMAIL: 'bench@diplodesk.local',
    DIPLODESK_ADMIN_PASSWORD: 'bench password 0123',
    DIPLODESK_SERVICES: 'web',
    WEB_DIST: '/nonexistent',
  });
  const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir });
  await database.migrate();
  const bus = createInProcessBus();
  const { app, ctx } = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }) });
  await initialiseWorkspace(ctx);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@diplodesk.local', password: 'bench password 0123' }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const meBody = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).text();

  const bare = Fastify();
  bare.get('/me', async (_req, reply) => reply.type('application/json; charset=utf-8').send(meBody));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  // Warm both up so neither pays JIT and cache start-up inside the measurement.
  await autocannon({ url: `${bareUrl}/me`, connections, duration: 2 });
  await autocannon({ url: `${base}/api/v1/me`, headers: { cookie }, connections, duration: 2 });
  const bareFigures = await load(`${bareUrl}/me`);
  const meFigures = await load(`${base}/api/v1/me`, { cookie });

  await bare.close();
  await app.close();
  await bus.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const ratio = meFigures.requestsPerSecond / bareFigures.requestsPerSecond;
  const env = { database: database.kind, connections, durationSeconds, responseBytes: Buffer.byteLength(meBody), cpus: os.cpus().length, node: process.version };
  console.log(JSON.stringify({ bench: 'api', route: 'bare fastify /me (same JSON)', ...bareFigures, ...env }));
  console.log(JSON.stringify({ bench: 'api', route: 'GET /api/v1/me (session)', ...meFigures, ...env }));
  const summary = { bench: 'api', metric: 'authenticated/bare throughput', ratio: Number(ratio.toFixed(3)), goal: 0.5, meetsGoal: ratio >= 0.5 };
  console.log(JSON.stringify(summary));
  return summary;
}

// Publish fan-out: from "publish now" on a cleared statement to all six channels confirmed
// (publication `published`, X's link reply posted), with every fake platform answering after
// 100 ms. Median over 20 runs. The floor, measured in the same process against the same fakes:
// the six connectors' publish calls made directly and in parallel (no database, no jobs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PublishChannel, unguardedOutbound } from '@diplodesk/connector-sdk';
import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import bluesky from '@diplodesk/connector-bluesky';
import { startFake as startBluesky } from '@diplodesk/connector-bluesky/fake';
import facebook from '@diplodesk/connector-facebook';
import { startFake as startFacebook } from '@diplodesk/connector-facebook/fake';
import mastodon from '@diplodesk/connector-mastodon';
import { startFake as startMastodon } from '@diplodesk/connector-mastodon/fake';
import telegram from '@diplodesk/connector-telegram';
import { startFake as startTelegram } from '@diplodesk/connector-telegram/fake';
import x from '@diplodesk/connector-x';
import { startFake as startX } from '@diplodesk/connector-x/fake';
import youtube from '@diplodesk/connector-youtube';
import { startFake as startYoutube } from '@diplodesk/connector-youtube/fake';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createUser, findRootUnit } from '../server/src/domains/identity/index.ts';
import { storeAccount } from '../server/src/domains/statements/publishing/index.ts';
import { systemActor } from '../server/src/platform/audit/audit.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { queryRows } from '../server/src/platform/db/index.ts';
import { startRuntime } from '../server/src/runtime.ts';

const runs = Number(process.env.BENCH_FANOUT_RUNS ?? 20);
const latencyMs = 100;
const definitions = { x, facebook, youtube, mastodon, bluesky, telegram };
const starters = { x: startX, facebook: startFacebook, youtube: startYoutube, mastodon: startMastodon, bluesky: startBluesky, telegram: startTelegram };
type Platform = keyof typeof starters;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// A tiny valid-looking MP4 (an `ftyp` box) for YouTube, which publishes videos only.
// A well-formed MP4 skeleton (ftyp, moov, mdat with sizes that chain): uploads are checked by structure.
const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12), Buffer.from([0, 0, 0, 8]), Buffer.from('moov'), Buffer.from([0, 0, 0x10, 0x08]), Buffer.from('mdat'), Buffer.alloc(4096, 1)]);

export async function benchFanout(): Promise<Record<string, unknown>> {
  const fakes = new Map<Platform, FakePlatform>();
  const env: Record<string, string> = {};
  for (const [id, start] of Object.entries(starters) as [Platform, (typeof starters)[Platform]][]) {
    const fake = await start({ latencyMs });
    fakes.set(id, fake);
    Object.assign(env, fake.env);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-fanout-'));
  const password = 'bench password 0123';
  const config = loadConfig({
    ...env,
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost:8080',
    LOG_LEVEL: 'silent',
    // One client at full speed: the per-caller limits run on every request but must not refuse.
    API_RATE_PER_MINUTE: '10000000',
    PUBLIC_RATE_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    DIPLODESK_ADMIN_EMAIL: 'bench@diplodesk.local',
    DIPLODESK_ADMIN_PASSWORD: password,
    DIPLODESK_SERVICES: 'web,worker,realtime',
    WEB_DIST: '/nonexistent',
    ACTIVITYPUB_ENABLED: '0',
    JOB_POLL_MS: '50',
    JOB_CONCURRENCY: '8',
  });
  const runtime = await startRuntime(config, { logger: pino({ level: 'silent' }) });
  const base = runtime.url ?? '';
  const { ctx } = runtime;
  const root = await findRootUnit(ctx.db);
  if (!root) throw new Error('no organisation');

  // An editor drafts, an approver and the administrator clear (the organisation's default chain).
  const people: Record<string, string> = {};
  for (const role of ['editor', 'approver'] as const) {
    const email = `${role}@bench.diplodesk`;
    await createUser(ctx, null, { email, displayName: role, password, locale: 'en', timeZone: 'UTC', memberships: [{ unitId: root.id, role }] }, systemActor('bench'));
    people[role] = email;
  }
  people.admin = 'bench@diplodesk.local';
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  for (const [role, email] of Object.entries(people)) {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    sessions[role] = { cookie: cookies.join('; '), csrf: (cookies.find((c) => c.startsWith('dd_csrf=')) ?? '').slice('dd_csrf='.length) };
  }
  const call = async (role: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const s = sessions[role] as { cookie: string; csrf: string };
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined || Buffer.isBuffer(body) ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };

  const accounts: { id: string; platform: Platform }[] = [];
  for (const [platform, fake] of fakes) {
    const credentials = await fake.issueCredentials();
    const extra = credentials.extra ?? {};
    const remoteAccountId = extra.userId ?? extra.accountId ?? extra.did ?? extra.pageId ?? extra.channelId ?? extra.chatId ?? platform;
    const view = await storeAccount(ctx, systemActor('bench'), { unitId: root.id, platform, credentials, account: { remoteAccountId, handle: `${platform}-ministry` } });
    accounts.push({ id: view.id, platform });
  }

  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    const body = `Indonesia welcomes the regional maritime cooperation agreement (${run}).`;
    const s = await call('editor', 'POST', '/api/v1/statements', {
      unitId: root.id,
      kind: 'statement',
      primaryLanguage: 'en',
      audienceTimeZone: 'Asia/Jakarta',
      texts: [{ language: 'en', title: `Maritime cooperation ${run}`, body }],
    });
    const clip = await call('editor', 'POST', `/api/v1/statements/${s.id}/attachments`, video, { 'content-type': 'video/mp4', 'x-file-name': 'statement.mp4' });
    await call('editor', 'PATCH', `/api/v1/statements/${s.id}`, {
      baseVersion: 1,
      attachmentIds: [clip.id],
      variants: accounts.map((a) => ({ channelAccountId: a.id, language: 'en', text: body, title: a.platform === 'youtube' ? `Maritime cooperation ${run}` : null })),
    });
    await call('editor', 'POST', `/api/v1/statements/${s.id}/submit`, { baseVersion: 2 });
    await call('approver', 'POST', `/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' });
    await call('admin', 'POST', `/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' });
    const started = performance.now();
    await call('editor', 'POST', `/api/v1/statements/${s.id}/schedule`, { scheduledAt: null });
    for (;;) {
      const [row] = await queryRows<{ done: number; total: number }>(
        ctx.db,
        sql`select count(*) filter (where state = 'published' and (reply_state is null or reply_state = 'posted'))::int as done, count(*)::int as total from publications where statement_id = ${s.id}`,
      );
      if (row && row.total === accounts.length && row.done === row.total) break;
      if (performance.now() - started > 20_000) {
        const rows = await queryRows(ctx.db, sql`select platform, state, reply_state, last_error from publications where statement_id = ${s.id}`);
        throw new Error(`run ${run}: not all channels confirmed after 20 s: ${JSON.stringify(rows)}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    durations.push(performance.now() - started);
  }

  // The floor: the same six publish calls (and X's reply) straight to the fakes, in parallel.
  const floors: number[] = [];
  const channels = new Map<Platform, PublishChannel>();
  for (const [id, def] of Object.entries(definitions) as [Platform, (typeof definitions)[Platform]][]) {
    const channel = def.implementations.publish?.({ ...env }, { outbound: unguardedOutbound });
    if (channel) channels.set(id, channel);
  }
  const creds = new Map<Platform, Awaited<ReturnType<FakePlatform['issueCredentials']>>>();
  for (const [id, fake] of fakes) creds.set(id, await fake.issueCredentials());
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await Promise.all(
      [...channels].map(async ([id, channel]) => {
        const request = {
          idempotencyKey: `floor-${run}-${id}`,
          text: `Floor run ${run}`,
          language: 'en',
          title: `Floor ${run}`,
          media: id === 'youtube' ? [{ storageKey: 'x', mimeType: 'video/mp4', byteSize: video.length, sha256: '0' }] : [],
          openMedia: async function* () {
            yield video;
          },
          checkpoint: { saved: null, save: async () => undefined },
        };
        const post = await channel.publish(creds.get(id) as never, request);
        if (id === 'x') await channel.publish(creds.get(id) as never, { idempotencyKey: `floor-${run}-x-reply`, text: `https://news.example/x/${run}`, media: [], replyTo: post.remoteId });
      }),
    );
    floors.push(performance.now() - started);
  }

  await runtime.stop();
  for (const fake of fakes.values()) await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const fanoutMedian = median(durations);
  const floorMedian = median(floors);
  const summary = {
    bench: 'fanout',
    metric: 'publish now → six channels confirmed (median)',
    runs,
    fakeLatencyMs: latencyMs,
    medianMs: Math.round(fanoutMedian),
    p90Ms: Math.round([...durations].sort((a, b) => a - b)[Math.floor(runs * 0.9)] ?? 0),
    floorMedianMs: Math.round(floorMedian),
    ratioToFloor: Number((fanoutMedian / floorMedian).toFixed(2)),
    jobPollMs: 50,
    jobConcurrency: 8,
    database: runtime.database.kind,
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(summary));
  return summary;
}

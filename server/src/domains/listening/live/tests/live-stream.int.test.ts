import type { LiveStreamServerMessage } from '@diplodesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, type SourceRow } from '../../index.ts';
import { createLiveStreamHub, type LiveClient } from '../live-stream.ts';

// /api/v1/listening/live: items matching a subscription arrive as they are stored — only those the
// subscriber may read; catch-up after a reconnect; identical subscriptions share one query.
let t: TestApp;
let base: string;
let analyser: Analyser;
let admin: Client;
let tokyoAnalyst: Client;
let viewer: Client;
let rootSource: SourceRow;
let tokyoSource: SourceRow;

type Items = Extract<LiveStreamServerMessage, { type: 'items' }>;
type Live = { socket: WebSocket; messages: LiveStreamServerMessage[]; items: () => Items['items'] };

function connect(cookie: string): Promise<Live> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/v1/listening/live`, { headers: { cookie, origin: t.config.publicUrl } });
    const live: Live = { socket, messages: [], items: () => live.messages.flatMap((m) => (m.type === 'items' ? m.items : [])) };
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as LiveStreamServerMessage;
      live.messages.push(msg);
      if (msg.type === 'ready') resolve(live);
    });
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function subscribed(live: Live, message: Record<string, unknown>): Promise<LiveStreamServerMessage> {
  const before = live.messages.length;
  live.socket.send(JSON.stringify({ type: 'subscribe', ...message }));
  await until(() => live.messages.slice(before).some((m) => m.type === 'subscribed' || m.type === 'error'), 'subscription');
  return live.messages.slice(before).find((m) => m.type === 'subscribed' || m.type === 'error') as LiveStreamServerMessage;
}

const now = () => new Date().toISOString();

beforeAll(async () => {
  t = await createTestApp({ services: ['web', 'realtime'] });
  base = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  analyser = await createAnalyser();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const tokyo = await buildUnit(t.ctx, { name: 'Embassy Tokyo (live stream)' });
  tokyoAnalyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst', unit: tokyo })).email, testPassword);
  viewer = await signInAs(t.app, (await buildUser(t.ctx, { role: 'viewer' })).email, testPassword);
  const root = await findRootUnit(t.ctx.db);
  rootSource = await insertSource(t.ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'Ministry wire (live)' });
  tokyoSource = await insertSource(t.ctx.db, { unitId: tokyo.id, connector: 'import', name: 'Tokyo press (live)' });
});
afterAll(() => t?.close());

describe('listening live stream', () => {
  it('refuses callers who may not read listening items', async () => {
    await expect(connect('')).rejects.toThrow(/HTTP 401/);
    await expect(connect(viewer.cookie)).rejects.toThrow(/HTTP 403/);
  });

  it('pushes matching items only, and only from units the subscriber may read', async () => {
    const saved = await tokyoAnalyst.post('/api/v1/listening/saved-searches', { name: 'Patrols', query: { q: 'patroli' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const tokyoLive = await connect(tokyoAnalyst.cookie);
    expect(await subscribed(tokyoLive, { savedSearchId: saved.json().id })).toMatchObject({ type: 'subscribed', savedSearchId: saved.json().id, name: 'Patrols' });
    const adminLive = await connect(admin.cookie);
    await subscribed(adminLive, { query: { q: 'patroli' } });
    const everything = await connect(admin.cookie);
    await subscribed(everything, {});

    const before = Date.now();
    const inTokyo = await ingestBatch(t.ctx, analyser, tokyoSource, [
      { remoteId: 'l1', text: 'Kapal patroli Jepang dan Indonesia berlatih bersama di Laut Natuna.', publishedAt: now() },
      { remoteId: 'l2', text: 'Harga beras naik di pasar tradisional menjelang akhir tahun.', publishedAt: now() },
    ]);
    const atRoot = await ingestBatch(t.ctx, analyser, rootSource, [{ remoteId: 'l3', text: 'Patroli bersama diperluas ke perairan Maluku bulan depan.', publishedAt: now() }]);

    await until(() => adminLive.items().length >= 2, 'the admin’s two matching items');
    await until(() => tokyoLive.items().length >= 1, 'the Tokyo item');
    await until(() => everything.items().length >= 3, 'every item');
    // A wrongly routed item would arrive with the others; give it a moment before asserting absence.
    await new Promise((r) => setTimeout(r, 300));
    expect(tokyoLive.items().map((i) => i.externalId)).toEqual(['l1']);
    expect(adminLive.items().map((i) => i.externalId).sort()).toEqual(['l1', 'l3']);
    expect(everything.items().map((i) => i.id).sort()).toEqual([...inTokyo.inserted, ...atRoot.inserted].sort());

    // Each message carries the item's collection time and its own send time (the stream's latency).
    const pushed = tokyoLive.messages.find((m): m is Items => m.type === 'items');
    expect(pushed).toMatchObject({ catchUp: false, truncated: false });
    expect(Date.parse(pushed?.items[0]?.collectedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(pushed?.sentAt ?? '')).toBeGreaterThanOrEqual(Date.parse(pushed?.items[0]?.collectedAt ?? ''));
    for (const live of [tokyoLive, adminLive, everything]) live.socket.close();
  });

  it('catches up after a reconnect with what was collected since', async () => {
    await new Promise((r) => setTimeout(r, 20));
    const since = now();
    await ingestBatch(t.ctx, analyser, tokyoSource, [{ remoteId: 'l4', text: 'Patroli malam menemukan kapal tanpa izin di dekat Natuna.', publishedAt: '2026-01-02T03:04:05Z' }]);
    const live = await connect(tokyoAnalyst.cookie);
    await subscribed(live, { query: { q: 'patroli' }, since });
    await until(() => live.messages.some((m) => m.type === 'items' && m.catchUp), 'the catch-up');
    const catchUp = live.messages.find((m): m is Items => m.type === 'items' && m.catchUp);
    // Published long ago, collected just now: found by collection time, not publication.
    expect(catchUp?.items.map((i) => i.externalId)).toEqual(['l4']);
    expect(catchUp?.truncated).toBe(false);
    live.socket.close();
  });

  it('answers bad messages and unknown saved searches with an error, and ping with pong', async () => {
    const live = await connect(tokyoAnalyst.cookie);
    live.socket.send('not json');
    await until(() => live.messages.some((m) => m.type === 'error'), 'an error');
    expect(live.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'request.invalid' });
    expect(await subscribed(live, { query: { sentimentMin: 7 } })).toMatchObject({ type: 'error', code: 'request.invalid' });
    expect(await subscribed(live, { savedSearchId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ type: 'error', code: 'listening-saved-search.not-found' });
    live.socket.send(JSON.stringify({ type: 'ping' }));
    await until(() => live.messages.some((m) => m.type === 'pong'), 'pong');
    live.socket.close();
  });
});

/** A socket that records what it is sent; `bufferedAmount` stands for a client that stopped reading. */
function fakeSocket(bufferedAmount = 0) {
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount,
    sent: [] as string[],
    closedWith: null as number | null,
    send(s: string) {
      socket.sent.push(s);
    },
    close(code: number) {
      socket.closedWith = code;
      socket.readyState = 3;
    },
  };
  return socket;
}

describe('live stream hub', () => {
  it('serves identical subscriptions with one group and drops a client that cannot keep up', async () => {
    const hub = createLiveStreamHub(t.ctx, t.bus);
    const root = await findRootUnit(t.ctx.db);
    const query = { unitIds: [root?.id ?? ''], q: 'nelayan', limit: 200 };
    const client = (socket: ReturnType<typeof fakeSocket>): LiveClient => ({ socket: socket as unknown as LiveClient['socket'], principal: {} as LiveClient['principal'], group: null });
    const [a, b, slow] = [fakeSocket(), fakeSocket(), fakeSocket(2_000_000)];
    const clients = [client(a), client(b), client(slow)];
    for (const c of clients) {
      hub.add(c);
      hub.join(c, 'same-key', query);
    }
    expect(hub.stats()).toEqual({ clients: 3, groups: 1 });

    await ingestBatch(t.ctx, analyser, rootSource, [{ remoteId: 'h1', text: 'Nelayan Natuna menyambut patroli bersama.', publishedAt: now() }]);
    await until(() => a.sent.length > 0 && b.sent.length > 0, 'both clients’ items');
    expect(a.sent[0]).toBe(b.sent[0]);
    await until(() => slow.closedWith !== null, 'the slow client to be dropped');
    expect(slow.closedWith).toBe(1013);
    expect(slow.sent).toEqual([]);

    for (const c of clients) hub.remove(c);
    expect(hub.stats()).toEqual({ clients: 0, groups: 0 });
    hub.close();
  });
});

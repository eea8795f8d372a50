import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildUnit, buildUser, testPassword } from '../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../test/test-app.ts';

// /api/live: committed events reach each connected user only if they may read the event's unit.
let t: TestApp;
let base: string;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp({ services: ['web', 'realtime'] });
  base = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t.close());

type Live = { socket: WebSocket; events: { type: string; unitId: string | null; data: Record<string, unknown> }[] };

function connect(cookie: string): Promise<Live> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/live`, { headers: { cookie, origin: t.config.publicUrl } });
    const live: Live = { socket, events: [] };
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.type === 'hello') resolve(live);
      if (msg.type === 'event') live.events.push(msg.event);
    });
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for live event');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live gateway', () => {
  it('refuses an anonymous connection', async () => {
    await expect(connect('')).rejects.toThrow(/HTTP 401/);
  });

  it('delivers each event only to users who may read its unit', async () => {
    const tokyo = await buildUnit(t.ctx, { name: 'Embassy Tokyo (live)' });
    const nairobi = await buildUnit(t.ctx, { name: 'Embassy Nairobi (live)' });
    const tokyoEditor = await buildUser(t.ctx, { role: 'editor', unit: tokyo });
    const tokyoClient = await signInAs(t.app, tokyoEditor.email, testPassword);

    const adminLive = await connect(admin.cookie);
    const tokyoLive = await connect(tokyoClient.cookie);

    const inNairobi = await admin.patch(`/api/v1/units/${nairobi.id}`, { city: 'Nairobi' });
    expect(inNairobi.statusCode).toBe(200);
    const inTokyo = await admin.patch(`/api/v1/units/${tokyo.id}`, { city: 'Tokyo' });
    expect(inTokyo.statusCode).toBe(200);

    await until(() => adminLive.events.filter((e) => e.type === 'unit.updated').length >= 2);
    await until(() => tokyoLive.events.some((e) => e.type === 'unit.updated'));
    // Give a wrongly routed Nairobi event the time to arrive before asserting its absence.
    await new Promise((r) => setTimeout(r, 300));
    expect(tokyoLive.events.filter((e) => e.type === 'unit.updated').map((e) => e.unitId)).toEqual([tokyo.id]);
    expect(adminLive.events.map((e) => e.unitId)).toEqual(expect.arrayContaining([tokyo.id, nairobi.id]));
    expect(adminLive.events.some((e) => e.type === 'identity.changed')).toBe(false);
    adminLive.socket.close();
    tokyoLive.socket.close();
  });

  it('answers ping with pong and ignores garbage', async () => {
    const live = await connect(admin.cookie);
    const pong = new Promise<void>((resolve) => live.socket.on('message', (raw) => JSON.parse(String(raw)).type === 'pong' && resolve()));
    live.socket.send('not json');
    live.socket.send(JSON.stringify({ type: 'ping' }));
    await pong;
    live.socket.close();
  });
});

import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminEmail, adminPassword, createTestApp, type TestApp } from './test-app.ts';

// The staff app on a host of its own (STAFF_URL, ASVS 3.5.4) behind one proxy at 127.0.0.1 that
// ends TLS and names the site in X-Forwarded-Host; the instance itself is reached as 10.0.0.5:8080.
const publicUrl = 'https://news.example.go.id';
const staffUrl = 'https://desk.example.go.id';
const proxied = (site: string) => ({ host: '10.0.0.5:8080', 'x-forwarded-host': new URL(site).host, 'x-forwarded-proto': 'https' });

let t: TestApp;
let base: string;
let session: string;

const at = (site: string, opts: InjectOptions & { url: string }) => t.app.inject({ method: 'GET', ...opts, headers: { ...proxied(site), ...(opts.headers ?? {}) } });

beforeAll(async () => {
  t = await createTestApp({ publicUrl, staffUrl, services: ['web', 'realtime'], trustProxy: ['127.0.0.1'] });
  base = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  const res = await at(staffUrl, { method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === '__Host-dd_session');
  expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true });
  expect(cookie?.domain).toBeUndefined();
  session = `__Host-dd_session=${cookie?.value}`;
});
afterAll(() => t.close());

describe('the staff app on STAFF_URL only', () => {
  it('answers the staff API on the staff host', async () => {
    const me = await at(staffUrl, { url: '/api/v1/me', headers: { cookie: session } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: adminEmail } });
  });

  it('refuses the staff API, sign-in and API docs on the public host with a JSON 404', async () => {
    for (const req of [
      { url: '/api/v1/me', headers: { cookie: session } },
      { url: '/api/v1/system' },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } },
      { method: 'POST' as const, url: '/api/v1/auth/passkey/options' },
      { url: '/api/v1/auth/sso/providers' },
      { url: '/api/docs' },
      { url: '/api/openapi.json' },
      { url: '/api/v1/no-such-route' },
    ]) {
      const res = await at(publicUrl, req);
      expect(res.statusCode, req.url).toBe(404);
      expect(res.json(), req.url).toMatchObject({ error: { code: 'route.not-found' } });
      expect(res.headers['set-cookie'], req.url).toBeUndefined();
    }
  });

  it('sends a reader who opens the public host at / to the newsroom, and serves no app there', async () => {
    const root = await at(publicUrl, { url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/newsroom');
    for (const url of ['/login', '/statements', '/assets/index.js', '/favicon.svg']) expect((await at(publicUrl, { url })).statusCode, url).toBe(404);
  });

  it('opens no live connection on the public host, nor from a newsroom page', async () => {
    await expect(live({ ...proxied(publicUrl), origin: publicUrl, cookie: session })).rejects.toThrow(/HTTP 404/);
    await expect(live({ ...proxied(staffUrl), origin: publicUrl, cookie: session })).rejects.toThrow(/HTTP 403/);
    const socket = await live({ ...proxied(staffUrl), origin: staffUrl, cookie: session });
    socket.close();
  });
});

describe('the public surfaces on PUBLIC_URL', () => {
  const publicPaths = [
    '/newsroom',
    '/newsroom/assets/newsroom.css',
    '/verify',
    '/.well-known/jwks.json',
    '/.well-known/nodeinfo',
    '/nodeinfo/2.1',
    '/api/v1/public/audit/checkpoints',
    '/newsroom/audit-checkpoints',
  ];

  it('serves the newsroom, verification, keys, discovery and checkpoints on the public host, setting no cookie', async () => {
    for (const url of publicPaths) {
      const res = await at(publicUrl, { url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    const verify = await at(publicUrl, { method: 'POST', url: '/api/v1/public/verify', payload: { text: 'a text nobody published' } });
    expect(verify.statusCode).toBe(200);
    expect(verify.headers['set-cookie']).toBeUndefined();
  });

  it('redirects them from the staff host to the public host with 308, path, query and method kept', async () => {
    for (const url of [...publicPaths, '/verify?entry=0199e0f4-0000-7000-8000-000000000000', '/.well-known/webfinger?resource=acct%3Aministry%40news.example.go.id', '/ap/actors/x']) {
      const res = await at(staffUrl, { url, headers: { cookie: session } });
      expect(res.statusCode, url).toBe(308);
      expect(res.headers.location, url).toBe(`${publicUrl}${url}`);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    const post = await at(staffUrl, { method: 'POST', url: '/api/v1/public/verify', payload: { text: 'x' } });
    expect(post.statusCode).toBe(308);
    expect(post.headers.location).toBe(`${publicUrl}/api/v1/public/verify`);
  });

  it('cannot be fooled by an encoded path into serving the app on the public host', async () => {
    expect((await at(staffUrl, { url: '/%6eewsroom' })).statusCode).toBe(308);
    expect((await at(publicUrl, { url: '/%61pi/v1/system' })).statusCode).toBe(404);
  });
});

describe('host matching', () => {
  it('answers any other host with 421, naming neither site', async () => {
    for (const url of ['/', '/newsroom', '/api/v1/me', '/api/v1/auth/login']) {
      for (const host of ['10.0.0.5:8080', 'evil.example', 'desk.example.go.id.evil.example', 'news.example.go.id:8443']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { host, cookie: session }, remoteAddress: '192.0.2.7' });
        expect(res.statusCode, `${host}${url}`).toBe(421);
        expect(res.json()).toMatchObject({ error: { code: 'request.misdirected' } });
        expect(res.body).not.toMatch(/example\.go\.id/);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.headers.location).toBeUndefined();
      }
    }
  });

  it('believes X-Forwarded-Host only from a trusted proxy (TRUST_PROXY)', async () => {
    const forged = { host: 'news.example.go.id', 'x-forwarded-host': 'desk.example.go.id' };
    expect((await t.app.inject({ url: '/api/v1/system', headers: forged, remoteAddress: '192.0.2.7' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/system', headers: forged, remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    // A client reaching the instance directly with the right Host header is matched by it.
    expect((await t.app.inject({ url: '/api/v1/system', headers: { host: 'desk.example.go.id' }, remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/system', headers: { host: 'DESK.example.go.id:443' }, remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
  });

  it('answers health checks on any host (load balancers name the instance)', async () => {
    expect((await t.app.inject({ url: '/healthz', headers: { host: '10.0.0.5:8080' } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz', headers: { host: '10.0.0.5:8080' } })).statusCode).toBe(200);
  });
});

describe('addresses derived from each origin', () => {
  it('names the staff host as the API server and the public host for the readers’ API', async () => {
    const doc = (await at(staffUrl, { url: '/api/openapi.json', headers: { cookie: session } })).json() as { servers: { url: string }[]; paths: Record<string, { servers?: { url: string }[] }> };
    expect(doc.servers.map((s) => s.url)).toEqual([staffUrl]);
    expect(doc.paths['/api/v1/public/verify']?.servers?.map((s) => s.url)).toEqual([publicUrl]);
    expect(doc.paths['/api/v1/me']?.servers).toBeUndefined();
  });

  it('makes passkeys for the staff host (the relying party)', async () => {
    const options = await at(staffUrl, { method: 'POST', url: '/api/v1/auth/passkey/options' });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({ rpId: 'desk.example.go.id' });
  });

  it('verifies only addresses on the public host', async () => {
    const reasonFor = async (url: string) => ((await at(publicUrl, { method: 'POST', url: '/api/v1/public/verify', payload: { url } })).json() as { error?: { details?: { reason?: string } } }).error?.details?.reason;
    expect(await reasonFor(`${staffUrl}/newsroom/en/none`)).toBe('foreign-url');
    expect(await reasonFor(`${publicUrl}/newsroom/en/none`)).not.toBe('foreign-url');
  });
});

function live(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/live`, { headers });
    socket.on('message', (raw) => {
      if (JSON.parse(String(raw)).type === 'hello') resolve(socket);
    });
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

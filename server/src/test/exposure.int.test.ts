import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminEmail, adminPassword, cookiesOf, createTestApp, type TestApp } from './test-app.ts';

// What a deployment behind https exposes: cookie names, the live socket, metrics and API docs.
const publicUrl = 'https://diplo.example';
const metricsToken = 'metrics-token-0123456789abcdef';
let t: TestApp;
let base: string;
let cookie: string;
let bearer: string;

beforeAll(async () => {
  // One proxy in front, which ends TLS and says so in X-Forwarded-Proto.
  t = await createTestApp({ publicUrl, metricsToken, services: ['web', 'realtime'], trustProxy: 1 });
  base = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
  const session = res.cookies.find((c) => c.name === '__Host-dd_session');
  expect(session).toMatchObject({ secure: true, path: '/', httpOnly: true });
  expect(session?.domain).toBeUndefined();
  const c = cookiesOf(res);
  cookie = `__Host-dd_session=${c['__Host-dd_session']}`;
  const csrf = c['__Host-dd_csrf'] ?? '';
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { name: 'live', scopes: ['statement.read'], expiresInDays: null },
  });
  bearer = made.json().secret;
}, 120_000);
afterAll(() => t.close());

function open(headers: Record<string, string>): Promise<number | 'hello'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base}/api/live`, { headers });
    socket.on('message', (raw) => {
      if (JSON.parse(String(raw)).type === 'hello') {
        socket.close();
        resolve('hello');
      }
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', reject);
  });
}

describe('a deployment behind https', () => {
  it('names the session cookies with the __Host- prefix and reads them back', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('accepts the live socket only from its own origin, or from a token client without one', async () => {
    const tls = { 'x-forwarded-proto': 'https' };
    expect(await open({ ...tls, cookie, origin: publicUrl })).toBe('hello');
    expect(await open({ ...tls, cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await open({ ...tls, cookie })).toBe(403);
    expect(await open({ ...tls, authorization: `Bearer ${bearer}` })).toBe('hello');
    expect(await open({ ...tls, authorization: `Bearer ${bearer}`, origin: 'https://evil.example' })).toBe(403);
  });

  it('refuses the live socket over plain ws behind an https address', async () => {
    expect(await open({ cookie, origin: publicUrl })).toBe(403);
    expect(await open({ 'x-forwarded-proto': 'http', authorization: `Bearer ${bearer}` })).toBe(403);
  });

  it('serves /metrics only with its bearer token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('diplodesk_');
  });

  it('serves the API documentation to signed-in users only', async () => {
    for (const url of ['/api/openapi.json', '/api/docs/', '/api/docs/json']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, url).toBe(200);
    }
  });
});

describe('transport headers behind https', () => {
  const hsts = 'max-age=31536000; includeSubDomains';

  it('sends Strict-Transport-Security (a year, subdomains included) on API answers, errors and pages', async () => {
    for (const url of ['/api/v1/system', '/api/v1/units', '/healthz', '/newsroom', '/.well-known/jwks.json']) {
      expect((await t.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBe(hsts);
    }
  });

  it('closes base-uri and form-action in both Content-Security-Policies', async () => {
    const api = String((await t.app.inject({ method: 'GET', url: '/api/v1/system' })).headers['content-security-policy']);
    expect(api).toContain("base-uri 'none'");
    expect(api).toContain("form-action 'none'");
    const page = String((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy']);
    expect(page).toContain("base-uri 'none'");
    expect(page).toContain("form-action 'self'");
    expect(page).toContain("object-src 'none'");
  });

  it('tells the browser to clear cache, cookies and storage at sign-out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
    const c = cookiesOf(res);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `__Host-dd_session=${c['__Host-dd_session']}`, 'x-csrf-token': c['__Host-dd_csrf'] ?? '' } });
    expect(out.statusCode).toBe(200);
    expect(out.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
    expect(out.cookies.find((k) => k.name === '__Host-dd_session')).toMatchObject({ secure: true, path: '/', value: '' });
  });
});

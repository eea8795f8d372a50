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
  t = await createTestApp({ publicUrl, metricsToken, services: ['web', 'realtime'] });
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
    expect(await open({ cookie, origin: publicUrl })).toBe('hello');
    expect(await open({ cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await open({ cookie })).toBe(403);
    expect(await open({ authorization: `Bearer ${bearer}` })).toBe('hello');
    expect(await open({ authorization: `Bearer ${bearer}`, origin: 'https://evil.example' })).toBe(403);
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

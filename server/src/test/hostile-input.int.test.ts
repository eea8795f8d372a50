import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from './test-app.ts';

// Every route, called by a full administrator with hostile input, answers a 4xx with a catalogue
// error — never a 500 — and the audit chain stays intact.
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t.close());

const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
const bodies: { name: string; payload: string; type?: string }[] = [
  { name: 'array', payload: '[1,2,3]' },
  { name: 'string', payload: '"hello"' },
  { name: 'null', payload: 'null' },
  { name: 'wrong types', payload: JSON.stringify({ email: 42, password: ['x'], name: {}, parentId: 'not-a-uuid', timeZone: 7, role: 'emperor', scopes: 'all', count: 1e308 }) },
  { name: 'nul bytes and control chars', payload: JSON.stringify({ displayName: 'a\u0000b\u0007', name: '\u202e\u0000', code: '\u0000' }) },
  { name: 'prototype pollution', payload: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
  { name: 'deep nesting', payload: JSON.stringify(nested(500)) },
  { name: 'truncated', payload: '{"email":"a@b.c","pass' },
  { name: 'form encoded', payload: 'email=a%40b.c&password=x', type: 'application/x-www-form-urlencoded' },
];
const hostileQueries = ['?limit=-1&before=abc&from=yesterday', '?q=%00&label=%00&action=%00&targetType=%E2%80%AE%00', `?q=%25%27%22%5C&action=%25_&targetId=${'x'.repeat(5000)}`];
const hostileIds = ['not-a-uuid', '%00', '..%2F..%2Fetc%2Fpasswd', "1'%20or%20'1'%3D'1", '00000000-0000-0000-0000-000000000000'];

describe('hostile input', () => {
  it('never yields a 500 or a non-catalogue error', async () => {
    const routes = t.app.routeAuthTable.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD' && !r.url.endsWith('/logout'));
    const problems: string[] = [];
    let calls = 0;
    for (const route of routes) {
      for (const id of hostileIds) {
        const url = route.url.replace(/:[A-Za-z]+/g, id);
        const variants = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : bodies;
        const queries = route.method === 'GET' ? hostileQueries : [''];
        for (const [body, query] of variants.flatMap((b) => queries.map((q) => [b, q] as const))) {
          const res = await admin.request({
            method: route.method as 'POST',
            url: `${url}${query}`,
            ...(body ? { payload: body.payload, headers: { 'content-type': body.type ?? 'application/json' } } : {}),
          });
          calls++;
          // Redirects (the OAuth callback) carry no JSON body.
          const code = String(res.headers['content-type'] ?? '').includes('json') && res.body ? res.json()?.error?.code : undefined;
          if (res.statusCode >= 500 || (res.statusCode >= 400 && typeof code !== 'string')) {
            problems.push(`${route.method} ${url} ${body?.name ?? ''}: ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(200);
    const verify = await admin.get('/api/v1/audit/verify');
    expect(verify.json().ok).toBe(true);
  });
});

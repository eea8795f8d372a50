import { type Role, roleGrants, roles } from '@diplodesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess, RouteAuthEntry } from '../platform/authz/route-auth.ts';
import { buildUser, testPassword } from './factories.ts';
import { type Client, createTestApp, signInAs, type TestApp } from './test-app.ts';

// Every route × every role (held at the top-level unit) and anonymous → allowed or denied, as
// derived from the route's declared rule. Generated from the live route table: a new route is
// covered automatically, and one without a rule cannot even be registered.
let t: TestApp;
const clients = new Map<Role, Client>();
const emails = new Map<Role, string>();
let routes: RouteAuthEntry[];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) {
    const user = await buildUser(t.ctx, { role });
    emails.set(role, user.email);
    clients.set(role, await signInAs(t.app, user.email, testPassword));
  }
  // HEAD mirrors GET; logout ends the session, so it runs last.
  routes = t.app.routeAuthTable
    .filter((r) => r.method !== 'HEAD')
    .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
});
afterAll(() => t.close());

type Subject = Role | 'anonymous';

function expectedAllowed(rule: RouteAccess, subject: Subject): boolean {
  switch (rule.access) {
    case 'public':
      return true;
    case 'mfa-pending':
      return false; // only a session halfway through sign-in may call it (tested in sign-in tests)
    case 'signed-in':
      return subject !== 'anonymous';
    case 'permission':
      return subject !== 'anonymous' && roleGrants(subject, rule.permission);
  }
}

const sampleId = '01900000-0000-7000-8000-000000000001';
const fillParams = (url: string) => url.replace(/:[A-Za-z]+/g, sampleId).replace(/\*$/, 'some/page');

describe('authorization matrix', () => {
  it('covers every API route with a declared rule', () => {
    const apiRoutes = routes.filter((r) => r.url.startsWith('/api/v1'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    for (const r of routes) expect(r.rule.access, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('allows and denies each role exactly as declared', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      for (const subject of ['anonymous', ...roles] as Subject[]) {
        const opts = { method: route.method as 'GET', url: fillParams(route.url), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) };
        const res = subject === 'anonymous' ? await t.app.inject(opts) : await clients.get(subject)!.request(opts);
        // A step-up answer comes after the access rule has let the caller through (step-up has its own tests).
        const denied = (res.statusCode === 401 || res.statusCode === 403) && !res.body.includes('"auth.step-up-required"');
        const allowed = expectedAllowed(route.rule, subject);
        checked++;
        if (allowed === denied) failures.push(`${route.method} ${route.url} as ${subject}: expected ${allowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (route.url.endsWith('/logout') && subject !== 'anonymous') clients.set(subject, await signInAs(t.app, emails.get(subject)!, testPassword));
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(routes.length * (roles.length + 1));
  });
});

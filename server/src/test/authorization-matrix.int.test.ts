import { type Permission, permissions, type Role, roleGrants, roles } from '@diplodesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess, RouteAuthEntry } from '../platform/authz/route-auth.ts';
import { allowedForMeetingGuests, findUserByEmail } from '../domains/identity/index.ts';
import { buildUnit, buildUser, testPassword } from './factories.ts';
import { tokenHeaders } from './tokens.ts';
import { type Client, createTestApp, signInAs, type TestApp } from './test-app.ts';

// Every route × every role (held at the top-level unit) and anonymous → allowed or denied, as
// derived from the route's declared rule. Generated from the live route table: a new route is
// covered automatically, and one without a rule cannot even be registered.
let t: TestApp;
const clients = new Map<Role, Client>();
const emails = new Map<Role, string>();
let routes: RouteAuthEntry[];

beforeAll(async () => {
  // Every role signs in twice (again after logout), and the administrator holds a token per
  // permission: past the default sign-in rate and token allowance since the partner role and the
  // sharing permissions came.
  t = await createTestApp({ loginRatePerMinute: 1_000, apiTokensPerUser: 100 });
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

function expectedAllowed(rule: RouteAccess, subject: Subject, route: string): boolean {
  switch (rule.access) {
    case 'public':
      return true;
    case 'mfa-pending':
      return false; // only a session halfway through sign-in may call it (tested in sign-in tests)
    case 'signed-in':
      // An invited delegate's account reads and adjusts itself, and nothing else of the person routes.
      if (subject === 'meeting-guest') return allowedForMeetingGuests.has(route);
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
        const allowed = expectedAllowed(route.rule, subject, `${route.method} ${route.url}`);
        checked++;
        if (allowed === denied) failures.push(`${route.method} ${route.url} as ${subject}: expected ${allowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (route.url.endsWith('/logout') && subject !== 'anonymous') clients.set(subject, await signInAs(t.app, emails.get(subject)!, testPassword));
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(routes.length * (roles.length + 1));
  });
});

describe('system scope', () => {
  it("belongs to the root unit's admins: a mission's admin is refused system routes", async () => {
    const mission = await buildUnit(t.ctx);
    const missionAdmin = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const c = await signInAs(t.app, missionAdmin.email, testPassword);
    const res = await c.get('/api/v1/system/jobs');
    expect(res.statusCode, res.body).toBe(403);
    expect((await c.get('/api/v1/me')).json().permissions).not.toContain('system.manage');
    expect((await clients.get('admin')!.get('/api/v1/system/jobs')).statusCode).toBe(200);
  });
});

// Every route with a permission rule × an administrator's token holding every scope but that
// permission → 403 auth.token-scope: a token's scope binds whatever roles its owner holds.
describe('token scopes at the route', () => {
  it('refuses every permission route to a token lacking exactly that scope', async () => {
    const admin = clients.get('admin')!;
    const withoutScope = new Map<Permission, Record<string, string>>();
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      if (route.rule.access !== 'permission') continue;
      const missing = route.rule.permission;
      if (!withoutScope.has(missing)) withoutScope.set(missing, await tokenHeaders(admin, permissions.filter((x) => x !== missing)));
      const opts = { method: route.method as 'GET', url: fillParams(route.url), headers: withoutScope.get(missing), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) };
      const res = await t.app.inject(opts);
      checked++;
      // TAXII routes answer TAXII's error message resource, which carries the code as `error_code`.
      const body = res.statusCode === 403 ? res.json() : undefined;
      const code = body?.error?.code ?? body?.error_code;
      if (code !== 'auth.token-scope') failures.push(`${route.method} ${route.url} without ${missing}: got ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});

// Routes whose command checks a further permission at the resource's unit: a token scoped to the
// route's permission alone is refused there too, and nothing changes.
describe('token scopes inside commands', () => {
  const texts = [{ language: 'en', title: 'Scoped', body: 'Checked at every depth.' }];
  let rootId: string;
  const as = (headers: Record<string, string>, method: 'POST' | 'PATCH', url: string, payload: object) => t.app.inject({ method, url, headers, payload });
  const statement = async (c: Client, id: string) => (await c.get(`/api/v1/statements/${id}`)).json();
  async function submitted(): Promise<string> {
    const editor = clients.get('editor')!;
    const s = (await editor.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'UTC', texts })).json();
    expect((await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    return s.id;
  }

  beforeAll(async () => {
    rootId = ((await clients.get('admin')!.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)!.id;
  });

  const table: { name: string; run: () => Promise<{ status: number; code: string; unchanged: boolean }> }[] = [
    {
      name: 'POST /statements/:id/decisions with an approver’s statement.read token',
      run: async () => {
        const id = await submitted();
        const res = await as(await tokenHeaders(clients.get('approver')!, ['statement.read']), 'POST', `/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' });
        const after = await statement(clients.get('editor')!, id);
        return { status: res.statusCode, code: res.json().error?.code, unchanged: after.clearance.decisions.length === 0 && after.status === 'in-clearance' };
      },
    },
    {
      name: 'POST /statements/:id/withdraw (published) with an admin’s editor-scoped token',
      run: async () => {
        const id = await submitted();
        await clients.get('approver')!.post(`/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' });
        await clients.get('admin')!.post(`/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' });
        expect((await clients.get('editor')!.post(`/api/v1/statements/${id}/schedule`, { scheduledAt: null })).json().status).toBe('published');
        const res = await as(await tokenHeaders(clients.get('admin')!, ['statement.read', 'statement.draft']), 'POST', `/api/v1/statements/${id}/withdraw`, { reason: 'Scoped out.' });
        return { status: res.statusCode, code: res.json().error?.code, unchanged: (await statement(clients.get('editor')!, id)).status === 'published' };
      },
    },
    {
      name: 'POST /statements/:id/comments with its author’s statement.read token',
      run: async () => {
        const id = await submitted();
        const res = await as(await tokenHeaders(clients.get('editor')!, ['statement.read']), 'POST', `/api/v1/statements/${id}/comments`, { version: 1, body: 'Written with a read-only token.' });
        const versions = (await clients.get('editor')!.get(`/api/v1/statements/${id}/versions`)).json().items;
        return { status: res.statusCode, code: res.json().error?.code, unchanged: versions[0].comments === 0 };
      },
    },
    {
      name: 'POST /users with roles, admin token without membership.manage',
      run: async () => {
        const email = `scoped-${Date.now()}@test.diplodesk`;
        const headers = await tokenHeaders(clients.get('admin')!, ['user.read', 'user.create', 'unit.read']);
        const res = await as(headers, 'POST', '/api/v1/users', { email, displayName: 'Scoped', memberships: [{ unitId: rootId, role: 'admin' }] });
        return { status: res.statusCode, code: res.json().error?.code, unchanged: (await findUserByEmail(t.ctx.db, email)) === undefined };
      },
    },
    {
      name: 'PATCH /units/:id moving a unit, admin token without unit.create',
      run: async () => {
        const [a, b] = [await buildUnit(t.ctx), await buildUnit(t.ctx)];
        const res = await as(await tokenHeaders(clients.get('admin')!, ['unit.read', 'unit.update']), 'PATCH', `/api/v1/units/${a.id}`, { parentId: b.id });
        const after = (await clients.get('admin')!.get(`/api/v1/units/${a.id}`)).json();
        return { status: res.statusCode, code: res.json().error?.code, unchanged: after.parentId === a.parentId };
      },
    },
  ];

  for (const row of table) {
    it(`refuses ${row.name}`, async () => {
      const { status, code, unchanged } = await row.run();
      // Creating a user with roles is a step-up action, which a token can never perform at all
      // (auth.session-required); every other row is refused for the scope the token lacks.
      expect({ status, code, unchanged }).toEqual({ status: 403, code: row.name.startsWith('POST /users with roles') ? 'auth.session-required' : 'auth.token-scope', unchanged: true });
    });
  }
});

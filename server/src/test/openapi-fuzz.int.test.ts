import { type Permission, permissions, type Role, roleGrants, roles } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../platform/authz/route-auth.ts';
import { queryRows } from '../platform/db/index.ts';
import { buildUser, testPassword } from './factories.ts';
import { casesFor, type FuzzOperation, type OpenApiDocument, operationsOf } from './fuzz/openapi-cases.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from './test-app.ts';

// Hostile requests derived from /api/openapi.json, sent to every operation as anonymous, as each
// role (a session) and with a token of each single scope. Whatever the input: never a 5xx, every
// refusal is a catalogued error, and a refused request changes nothing — the row count of every
// table and the audit chain's head are the same before and after each refused group of requests
// (security events the platform records about a refusal are the one permitted addition).

type Subject = { label: string; kind: 'anonymous' | 'session' | 'token'; role?: Role; scope?: Permission };

let t: TestApp;
let admin: Client;
let doc: OpenApiDocument;
const sessions = new Map<string, Client>();
const tokens = new Map<Permission, string>();
const fixtureIds = new Map<string, string>();
const emails = new Map<Role, string>();
const resignIns: string[] = [];
let regroup = false;

// Tables a refused request may legitimately touch: the throttling state that counts failed
// attempts, and the security events recorded about refusals (checked separately below).
const churnTables = new Set(['login_throttles', 'audit_log', 'audit_chain_head', 'outbox', 'jobs']);
// The audit entries a refusal itself writes (security events, coalesced per caller and minute).
const refusalActions = ['authz.denied', 'auth.csrf-rejected', 'request.rate-limited', 'request.input-refused', 'upload.refused', 'auth.sign-in-failed', 'auth.password-check-failed', 'auth.sso-failed'];

async function tableNames(): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(t.ctx.db, sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
  return rows.map((r) => r.name).filter((n) => !churnTables.has(n) && !n.startsWith('__drizzle'));
}

let countQuery: ReturnType<typeof sql>;
async function stateSignature(): Promise<string> {
  const [counts] = await queryRows<{ counts: unknown }>(t.ctx.db, countQuery);
  // Entries a refusal itself causes (a denied permission, a rate limit, a failed sign-in) are
  // security events; anything else appended to the chain is a state change.
  const [audit] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log where action not in (${sql.join(refusalActions.map((a) => sql`${a}`), sql`, `)})`);
  return JSON.stringify({ counts, audit: audit?.n });
}

function allowedAtRoute(rule: RouteAccess | undefined, s: Subject): boolean {
  if (!rule || rule.access === 'public') return true;
  if (rule.access === 'mfa-pending' || s.kind === 'anonymous') return false;
  if (rule.access === 'signed-in') return !(s.kind === 'token' && rule.tokens === false);
  if (s.kind === 'token') return s.scope === rule.permission;
  return s.role !== undefined && roleGrants(s.role, rule.permission);
}

async function send(s: Subject, opts: InjectOptions): Promise<LightMyRequestResponse> {
  if (s.kind === 'anonymous') return t.app.inject(opts);
  if (s.kind === 'token') return t.app.inject({ ...opts, headers: { authorization: `Bearer ${tokens.get(s.scope!)}`, ...(opts.headers ?? {}) } });
  let client = sessions.get(s.label)!;
  let res = await client.request(opts);
  if (res.statusCode === 401 && !opts.headers?.authorization && (await client.get('/api/v1/me')).statusCode === 401) {
    // A case signed the subject out (ending its sessions): sign in again and repeat once. The new
    // session is a state change of the test's own, so the group is not compared.
    regroup = true;
    resignIns.push(`${opts.method} ${String(opts.url).slice(0, 60)} as ${s.label}`);
    client = await signInAs(t.app, emails.get(s.role!)!, s.role === 'admin' ? adminPassword : testPassword);
    sessions.set(s.label, client);
    res = await client.request(opts);
  }
  return res;
}

function documented(op: FuzzOperation, status: number, code: string): boolean {
  return code in (op.operation.responses?.[String(status)]?.content?.['application/json']?.examples ?? {});
}

function fillId(path: string, param: string): string {
  const key = `${path}#${param}`;
  for (const [prefix, id] of fixtureIds) if (key.startsWith(prefix)) return id;
  return '01900000-0000-7000-8000-000000000001';
}

beforeAll(async () => {
  // A token per permission: more than the default allowance of 20 since the sharing permissions came.
  t = await createTestApp({ loginRatePerMinute: 100_000, verifyRatePerMinute: 1_000_000, apiTokensPerUser: 100 });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  doc = (await admin.get('/api/openapi.json')).json();
  for (const role of roles) {
    const email = role === 'admin' ? adminEmail : (await buildUser(t.ctx, { role })).email;
    emails.set(role, email);
    sessions.set(role, await signInAs(t.app, email, role === 'admin' ? adminPassword : testPassword));
  }
  for (const scope of permissions) {
    const res = await admin.post('/api/v1/me/tokens', { name: `fuzz ${scope}`, scopes: [scope] });
    expect(res.statusCode, res.body).toBe(201);
    tokens.set(scope, res.json().token);
  }
  // Real ids, so that hostile bodies reach the commands rather than stopping at "not found".
  const unit = (await admin.get('/api/v1/units')).json().items[0];
  const statement = (await admin.post('/api/v1/statements', { unitId: unit.id, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'Asia/Jakarta', texts: [{ language: 'en', title: 'Fuzz target', body: 'A statement the fuzzer aims at.' }] })).json();
  const spare = (await admin.post('/api/v1/me/tokens', { name: 'fuzz spare', scopes: ['unit.read'] })).json();
  const user = (await buildUser(t.ctx, { role: 'viewer' })).id;
  fixtureIds.set('/api/v1/statements/{id}#id', statement.id);
  fixtureIds.set('/api/v1/units/{id}#id', unit.id);
  fixtureIds.set('/api/v1/users/{id}#id', user);
  fixtureIds.set('/api/v1/me/tokens/{id}#id', spare.id);
  const tables = await tableNames();
  // A function takes at most 100 arguments: the counts are built 40 tables at a time and joined.
  const chunks = Array.from({ length: Math.ceil(tables.length / 40) }, (_, i) => tables.slice(i * 40, i * 40 + 40));
  countQuery = sql.raw(`select ${chunks.map((c) => `jsonb_build_object(${c.map((n) => `'${n}', (select count(*) from "${n}")`).join(', ')})`).join(' || ')} as counts`);
}, 120_000);
afterAll(() => t.close());

function subjects(): Subject[] {
  return [
    { label: 'anonymous', kind: 'anonymous' },
    ...roles.map((role): Subject => ({ label: role, kind: 'session', role })),
    ...permissions.map((scope): Subject => ({ label: `token[${scope}]`, kind: 'token', scope })),
  ];
}

describe('fuzzing every operation of /api/openapi.json', () => {
  it('answers hostile input with catalogued 4xx errors and changes nothing when it refuses', async () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(90);
    const rules = new Map(t.app.routeAuthTable.map((r) => [`${r.method} ${r.url}`, r.rule]));
    const everyone = subjects();
    const problems: string[] = [];
    const undocumented = new Set<string>();
    let sent = 0;
    // The state after a group that refused everything is the next group's state before: counted once.
    let known: string | null = null;
    for (const op of ops) {
      const rule = rules.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`);
      // Signing out mid-run is exercised by the sign-in tests; here it would only cost re-sign-ins.
      if (op.path.endsWith('/logout')) continue;
      for (const s of everyone) {
        // The full set of cases goes to the administrator and to the token of exactly the route's
        // scope; every other caller gets the cases a refusal at the route's door must withstand.
        const deep = allowedAtRoute(rule, s) && (s.label === 'admin' || s.kind === 'token');
        const cases = casesFor(op as FuzzOperation, fillId, deep);
        const before: string = known ?? (await stateSignature());
        known = null;
        let refusedAll = true;
        regroup = false;
        for (const c of cases) {
          const res = await send(s, { method: op.method as 'POST', url: c.url, ...(c.payload === undefined ? {} : { payload: c.payload }), headers: c.headers ?? {} });
          sent++;
          const isJson = String(res.headers['content-type'] ?? '').includes('json');
          const code = isJson && res.body ? (res.json() as { error?: { code?: unknown } })?.error?.code : undefined;
          if (res.statusCode >= 500) problems.push(`${op.method} ${c.url.slice(0, 80)} as ${s.label} [${c.name}]: ${res.statusCode} ${res.body.slice(0, 160)}`);
          else if (res.statusCode >= 400 && typeof code !== 'string') problems.push(`${op.method} ${c.url.slice(0, 80)} as ${s.label} [${c.name}]: ${res.statusCode} without a catalogued error`);
          else if (res.statusCode >= 400 && !documented(op, res.statusCode, code as string)) undocumented.add(`${op.method} ${op.path} → ${res.statusCode} ${code}`);
          if (res.statusCode < 400) refusedAll = false;
        }
        if (refusedAll && !regroup) {
          const after = await stateSignature();
          if (after !== before) problems.push(`${op.method} ${op.path} as ${s.label}: refused, yet the stored state changed (${before} → ${after})`);
          else known = after;
        }
      }
    }
    console.log(`${sent} requests; signed in again after: ${resignIns.join('; ') || 'none'}`);
    expect(problems).toEqual([]);
    // Every refusal the fuzzer met is one the document lists for that operation and status.
    expect([...undocumented].sort()).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
    const verify = await admin.get('/api/v1/audit/verify');
    expect(verify.json().ok).toBe(true);
  }, 600_000);
});

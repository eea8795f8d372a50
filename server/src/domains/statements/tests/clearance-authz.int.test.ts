import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// Fine-grained checks inside the clearance commands: a token's scopes bind there too, and nobody
// who changed the text of a round may clear it.
let t: TestApp;
let editor: Client;
let approver: Client;
let admin: Client;
let rootId: string;

const texts = [{ language: 'en', title: 'Statement on maritime cooperation', body: 'We welcome the agreement.\n\nWe are committed to safe seas.' }];

async function tokenOf(c: Client, scopes: string[]): Promise<Record<string, string>> {
  const res = await c.post('/api/v1/me/tokens', { name: `t-${scopes.join('-')}`, scopes, expiresInDays: 1 });
  expect(res.statusCode, res.body).toBe(201);
  return { authorization: `Bearer ${res.json().secret}` };
}

async function submitted(): Promise<{ id: string; version: number }> {
  const created = await editor.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'UTC', texts });
  expect(created.statusCode, created.body).toBe(201);
  const s = created.json();
  expect((await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
  return { id: s.id, version: 1 };
}

beforeAll(async () => {
  t = await createTestApp();
  const users = await Promise.all((['editor', 'approver', 'admin'] as const).map((role) => buildUser(t.ctx, { role })));
  [editor, approver, admin] = (await Promise.all(users.map((u) => signInAs(t.app, u.email, testPassword)))) as [Client, Client, Client];
  rootId = ((await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)!.id;
});
afterAll(() => t?.close());

describe('token scopes inside the clearance commands', () => {
  it("a statement.read-scoped token of an approver cannot approve, and nothing changes", async () => {
    const s = await submitted();
    const headers = await tokenOf(approver, ['statement.read']);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/statements/${s.id}/decisions`, headers, payload: { baseVersion: 1, decision: 'approve' } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('auth.token-scope');
    const after = (await editor.get(`/api/v1/statements/${s.id}`)).json();
    expect(after.clearance.decisions).toEqual([]);
    expect(after.clearance.currentStep).toBe(0);
  });
});

async function approveAll(id: string, version: number): Promise<void> {
  expect((await approver.post(`/api/v1/statements/${id}/decisions`, { baseVersion: version, decision: 'approve' })).statusCode).toBe(200);
  expect((await admin.post(`/api/v1/statements/${id}/decisions`, { baseVersion: version, decision: 'approve' })).statusCode).toBe(200);
}

async function published(): Promise<string> {
  const s = await submitted();
  await approveAll(s.id, 1);
  expect((await editor.post(`/api/v1/statements/${s.id}/schedule`, { scheduledAt: null })).json().status).toBe('published');
  return s.id;
}

describe('four eyes', () => {
  it('an editor who is also an approver edits a submitted statement and cannot then approve it', async () => {
    const both = await buildUser(t.ctx, { role: 'editor' });
    const { grantMembership } = await import('../../identity/index.ts');
    const { systemActor } = await import('../../../platform/audit/audit.ts');
    await grantMembership(t.ctx, null, both.id, { unitId: rootId, role: 'approver' }, systemActor('test'));
    const c = await signInAs(t.app, both.email, testPassword);
    const s = await submitted();
    const edited = await c.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, texts: [{ ...texts[0], title: 'A changed title' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    const seen = (await c.get(`/api/v1/statements/${s.id}`)).json();
    expect(seen.policies.decide).toBe(false);
    expect(seen.clearance.decideBlocked).toBe('changed-text');
    const res = await c.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('statement.self-approval');
    expect((await editor.get(`/api/v1/statements/${s.id}`)).json().clearance.decisions).toEqual([]);
  });

  it('an admin who edited the text since submission cannot clear the last step', async () => {
    const s = await submitted();
    expect((await admin.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, texts: [{ ...texts[0], body: 'We welcome the agreement warmly.' }] })).statusCode).toBe(200);
    expect((await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' })).statusCode).toBe(200);
    const last = await admin.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' });
    expect(last.statusCode, last.body).toBe(403);
    expect(last.json().error.code).toBe('statement.self-approval');
    expect((await editor.get(`/api/v1/statements/${s.id}`)).json().status).toBe('in-clearance');
  });

  it('a chain may name only roles that can approve', async () => {
    const res = await admin.post('/api/v1/clearance-chains', {
      unitId: rootId,
      kind: 'speech',
      name: 'Any editor',
      steps: [{ name: 'Peer review', mode: 'any', approvers: [{ kind: 'role', role: 'editor' }] }],
    });
    expect(res.statusCode, res.body).toBe(400);
    // Nor people who cannot approve there.
    const editorId = (await editor.get('/api/v1/me')).json().user.id;
    const named = await admin.post('/api/v1/clearance-chains', {
      unitId: rootId,
      kind: 'speech',
      name: 'Named editor',
      steps: [{ name: 'Peer review', mode: 'any', approvers: [{ kind: 'user', userId: editorId }] }],
    });
    expect(named.statusCode, named.body).toBe(400);
    expect(named.json().error).toMatchObject({ code: 'clearance-chain.approver-cannot-approve', details: { userIds: [editorId] } });
  });
});

describe('withdrawal of a published statement', () => {
  it('needs statement.approve: an editor cannot, nor an admin token scoped like an editor', async () => {
    const id = await published();
    const byEditor = await editor.post(`/api/v1/statements/${id}/withdraw`, { reason: 'Superseded.' });
    expect(byEditor.statusCode, byEditor.body).toBe(403);
    const headers = await tokenOf(admin, ['statement.read', 'statement.draft']);
    const byToken = await t.app.inject({ method: 'POST', url: `/api/v1/statements/${id}/withdraw`, headers, payload: { reason: 'Superseded.' } });
    expect(byToken.statusCode, byToken.body).toBe(403);
    expect(byToken.json().error.code).toBe('auth.token-scope');
    expect((await editor.get(`/api/v1/statements/${id}`)).json().status).toBe('published');
    const byApprover = await approver.post(`/api/v1/statements/${id}/withdraw`, { reason: 'Superseded.' });
    expect(byApprover.statusCode, byApprover.body).toBe(200);
  });
});

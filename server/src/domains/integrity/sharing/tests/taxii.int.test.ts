import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../../platform/db/platform.tables.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';

const taxii = 'application/taxii+json;version=2.1';
const root = '/taxii2/sharing';

let t: TestApp;
let admin: Client;
const partners: Record<'reader' | 'writer', { id: string; readToken: string; writeToken: string }> = {} as never;
const collections: Record<'shared' | 'writerOnly' | 'nobody', string> = {} as never;

function call(token: string | null, method: 'GET' | 'POST', url: string, opts: { accept?: string; contentType?: string; body?: unknown } = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      accept: opts.accept ?? taxii,
      ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? taxii } : {}),
    },
    ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
  });
}

let seq = 0;
function indicator(modified = '2026-11-01T10:00:00.000Z', id?: string) {
  seq += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: id ?? `indicator--00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    created: '2026-11-01T10:00:00.000Z',
    modified,
    name: `Rumour link ${seq}`,
    pattern: `[url:value = 'https://rumours.example/${seq}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-01T10:00:00.000Z',
  };
}

async function makePartner(name: string): Promise<{ id: string; readToken: string; writeToken: string }> {
  const res = await admin.post('/api/v1/integrity/sharing/partners', { name, contact: `cert@${name.toLowerCase()}.example` });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const read = await admin.post(`/api/v1/integrity/sharing/partners/${id}/tokens`, { name: 'poller', access: 'read', expiresInDays: 30 });
  const write = await admin.post(`/api/v1/integrity/sharing/partners/${id}/tokens`, { name: 'publisher', access: 'read-write', expiresInDays: 30 });
  expect(read.statusCode, read.body).toBe(201);
  expect(read.json().token.scopes).toEqual(['taxii.read']);
  return { id, readToken: read.json().secret, writeToken: write.json().secret };
}

async function makeCollection(title: string): Promise<string> {
  const res = await admin.post('/api/v1/integrity/sharing/collections', { title, description: `${title} for partners`, alias: title.toLowerCase().replaceAll(' ', '-') });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function grant(collectionId: string, partnerId: string, canRead: boolean, canWrite: boolean): Promise<void> {
  const res = await admin.request({ method: 'PUT', url: `/api/v1/integrity/sharing/collections/${collectionId}/access/${partnerId}`, payload: { canRead, canWrite } });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  partners.reader = await makePartner('Reader');
  partners.writer = await makePartner('Writer');
  collections.shared = await makeCollection('Shared findings');
  collections.writerOnly = await makeCollection('Writer only');
  collections.nobody = await makeCollection('Internal');
  await grant(collections.shared, partners.reader.id, true, false);
  await grant(collections.shared, partners.writer.id, true, true);
  await grant(collections.writerOnly, partners.writer.id, true, true);
});
afterAll(() => t.close());

describe('TAXII 2.1 discovery and API root', () => {
  it('answers discovery and the API root in the TAXII media type', async () => {
    const res = await call(partners.reader.readToken, 'GET', '/taxii2/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(taxii);
    expect(res.json().api_roots).toEqual([`${root}/`]);
    const apiRoot = await call(partners.reader.readToken, 'GET', `${root}/`);
    expect(apiRoot.json()).toMatchObject({ versions: [taxii], max_content_length: 10485760 });
  });

  it('refuses a caller without credentials (401, a TAXII error message)', async () => {
    const res = await call(null, 'GET', `${root}/collections/`);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe(taxii);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json()).toMatchObject({ http_status: '401', error_code: 'auth.required' });
    expect(res.json().title).toBeTruthy();
  });

  it('answers 406 to an Accept it cannot satisfy and 415 to a body that is not TAXII', async () => {
    expect((await call(partners.writer.writeToken, 'GET', `${root}/collections/`, { accept: 'application/json' })).statusCode).toBe(406);
    expect((await call(partners.writer.writeToken, 'GET', `${root}/collections/`, { accept: 'application/taxii+json;version=2.0' })).statusCode).toBe(406);
    expect((await call(partners.writer.writeToken, 'GET', `${root}/collections/`, { accept: 'application/taxii+json' })).statusCode).toBe(200);
    const url = `${root}/collections/${collections.shared}/objects/`;
    const wrongType = await call(partners.writer.writeToken, 'POST', url, { body: { objects: [indicator()] }, contentType: 'application/json' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().http_status).toBe('415');
    expect((await call(partners.writer.writeToken, 'POST', url, { body: { objects: [indicator()] }, contentType: 'application/taxii+json;version=2.0' })).statusCode).toBe(415);
  });

  it('answers an unknown address under the prefix with a TAXII 404', async () => {
    const res = await call(partners.reader.readToken, 'GET', `${root}/nothing-here/`);
    expect(res.statusCode).toBe(404);
    expect(res.json().http_status).toBe('404');
  });
});

describe('partner rights', () => {
  it('shows a partner only its collections, with its rights', async () => {
    const reader = await call(partners.reader.writeToken, 'GET', `${root}/collections/`);
    expect(reader.json().collections).toEqual([expect.objectContaining({ id: collections.shared, can_read: true, can_write: false, media_types: ['application/stix+json;version=2.1'] })]);
    const writer = await call(partners.writer.writeToken, 'GET', `${root}/collections/`);
    expect(writer.json().collections.map((c: { id: string }) => c.id).sort()).toEqual([collections.shared, collections.writerOnly].sort());
    // A read-only token of a partner that may write: the token's scope wins.
    const writerReadToken = await call(partners.writer.readToken, 'GET', `${root}/collections/${collections.shared}/`);
    expect(writerReadToken.json()).toMatchObject({ can_read: true, can_write: false });
  });

  it("answers 404 for another partner's collection, as for one that does not exist", async () => {
    for (const id of [collections.writerOnly, collections.nobody, '01900000-0000-7000-8000-000000000009', 'not-a-uuid']) {
      for (const path of ['', 'objects/', 'manifest/']) {
        const res = await call(partners.reader.readToken, 'GET', `${root}/collections/${id}/${path}`);
        expect(res.statusCode, `${id}/${path}`).toBe(404);
      }
    }
  });

  it('refuses writing to a read-only partner (403), by its token or by its access', async () => {
    const url = `${root}/collections/${collections.shared}/objects/`;
    const byScope = await call(partners.reader.readToken, 'POST', url, { body: { objects: [indicator()] } });
    expect(byScope.statusCode).toBe(403);
    expect(byScope.json().error_code).toBe('auth.token-scope');
    const byAccess = await call(partners.reader.writeToken, 'POST', url, { body: { objects: [indicator()] } });
    expect(byAccess.statusCode).toBe(403);
    expect(byAccess.json().error_code).toBe('sharing-collection.read-only');
    const stored = await call(partners.writer.readToken, 'GET', `${root}/collections/${collections.shared}/manifest/`);
    expect(stored.json().objects ?? []).toEqual([]);
  });

  it('keeps a partner out of the staff API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/integrity/sharing/partners', headers: { authorization: `Bearer ${partners.writer.writeToken}` } });
    expect(res.statusCode).toBe(403);
  });
});

describe('objects', () => {
  const objectsUrl = () => `${root}/collections/${collections.writerOnly}/objects/`;
  let firstAdded: string;

  it('adds objects and reports each in a status resource, failures with their reason', async () => {
    const broken = { ...indicator(), name: 'half a pair \ud800' };
    const objects = [indicator(), indicator(), indicator(), indicator(), { type: 'indicator', id: 'indicator--bad', spec_version: '2.1' }, broken];
    const res = await call(partners.writer.writeToken, 'POST', objectsUrl(), { body: { objects } });
    expect(res.statusCode, res.body).toBe(202);
    const status = res.json();
    expect(status).toMatchObject({ status: 'complete', total_count: 6, success_count: 4, failure_count: 2, pending_count: 0 });
    expect(status.failures[0]).toMatchObject({ id: 'indicator--bad' });
    expect(status.failures[0].message).toContain('UUID');
    expect(status.failures[1]).toMatchObject({ id: broken.id, message: expect.stringContaining('Unicode') });
    const again = await call(partners.writer.writeToken, 'GET', `${root}/status/${status.id}/`);
    expect(again.json()).toEqual(status);
    // Someone else's status resource does not exist for them.
    expect((await call(partners.reader.readToken, 'GET', `${root}/status/${status.id}/`)).statusCode).toBe(404);
  });

  it('pages with limit and next, and says where each page starts and ends', async () => {
    const first = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?limit=3`);
    expect(first.statusCode).toBe(200);
    expect(first.json().more).toBe(true);
    expect(first.json().objects).toHaveLength(3);
    firstAdded = first.headers['x-taxii-date-added-first'] as string;
    expect(firstAdded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const second = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?limit=3&next=${first.json().next}`);
    expect(second.json().more).toBe(false);
    expect(second.json().next).toBeUndefined();
    expect(second.json().objects).toHaveLength(1);
    const all = [...first.json().objects, ...second.json().objects].map((o: { id: string }) => o.id);
    expect(new Set(all).size).toBe(4);
    const last = second.headers['x-taxii-date-added-last'] as string;
    const none = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?added_after=${last}`);
    expect(none.json()).toEqual({ more: false });
    const afterFirst = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?added_after=${firstAdded}`);
    expect(afterFirst.json().objects).toHaveLength(3);
    expect((await call(partners.writer.readToken, 'GET', `${objectsUrl()}?limit=0`)).statusCode).toBe(400);
    expect((await call(partners.writer.readToken, 'GET', `${objectsUrl()}?next=bogus`)).statusCode).toBe(400);
  });

  it('keeps versions: the latest by default, every one on request; a repeated version is not doubled', async () => {
    const id = 'indicator--00000000-0000-4000-8000-0000000000aa';
    const v1 = indicator('2026-11-01T10:00:00.000Z', id);
    const v2 = { ...indicator('2026-11-02T10:00:00.000Z', id), name: 'Rumour link, revised' };
    const post = await call(partners.writer.writeToken, 'POST', objectsUrl(), { body: { objects: [v1, v2, v1] } });
    expect(post.json()).toMatchObject({ success_count: 3, failure_count: 0 });
    const latest = await call(partners.writer.readToken, 'GET', `${objectsUrl()}${id}/`);
    expect(latest.json().objects).toEqual([v2]);
    const all = await call(partners.writer.readToken, 'GET', `${objectsUrl()}${id}/?match[version]=all`);
    expect(all.json().objects).toHaveLength(2);
    const first = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?match[id]=${id}&match[version]=first`);
    expect(first.json().objects).toEqual([v1]);
    const exact = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?match[version]=2026-11-02T10:00:00Z&match[id]=${id}`);
    expect(exact.json().objects).toEqual([v2]);
    const versions = await call(partners.writer.readToken, 'GET', `${objectsUrl()}${id}/versions/`);
    expect(versions.json()).toEqual({ more: false, versions: ['2026-11-01T10:00:00.000Z', '2026-11-02T10:00:00.000Z'] });
    expect((await call(partners.writer.readToken, 'GET', `${objectsUrl()}indicator--00000000-0000-4000-8000-0000000000ff/`)).statusCode).toBe(404);
  });

  it('filters by type and lists the manifest', async () => {
    const marking = { type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:GREEN', definition: { tlp: 'green' } };
    await call(partners.writer.writeToken, 'POST', objectsUrl(), { body: { objects: [marking] } });
    const typed = await call(partners.writer.readToken, 'GET', `${objectsUrl()}?match[type]=marking-definition`);
    expect(typed.json().objects).toEqual([marking]);
    const manifest = await call(partners.writer.readToken, 'GET', `${root}/collections/${collections.writerOnly}/manifest/?match[type]=indicator,marking-definition`);
    const entries = manifest.json().objects as { id: string; date_added: string; version: string; media_type: string }[];
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.media_type === 'application/stix+json;version=2.1' && e.date_added > firstAdded.slice(0, 10))).toBe(true);
  });

  it('gives parallel adds to one collection distinct, increasing dates added and loses nothing', async () => {
    const created = await admin.post('/api/v1/integrity/sharing/collections', { title: 'Busy', description: null, alias: null });
    const busy = created.json().id as string;
    await grant(busy, partners.writer.id, true, true);
    const shared = indicator('2026-11-03T10:00:00.000Z');
    const posts = Array.from({ length: 6 }, () => [indicator(), indicator(), indicator(), indicator(), shared]);
    const results = await Promise.all(posts.map((objects) => call(partners.writer.writeToken, 'POST', `${root}/collections/${busy}/objects/`, { body: { objects } })));
    expect(results.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202, 202]);
    const entries: { id: string; date_added: string }[] = [];
    let url = `${root}/collections/${busy}/manifest/?limit=7`;
    for (;;) {
      const res = await call(partners.writer.readToken, 'GET', url);
      entries.push(...(res.json().objects ?? []));
      if (!res.json().more) break;
      url = `${root}/collections/${busy}/manifest/?limit=7&next=${res.json().next}`;
    }
    // 24 indicators of their own and the shared one once.
    expect(entries).toHaveLength(25);
    expect(new Set(entries.map((e) => e.id)).size).toBe(25);
    const dates = entries.map((e) => e.date_added);
    expect(new Set(dates).size).toBe(25);
    expect([...dates].sort()).toEqual(dates);
  });

  it('records what was received and what was shared in the audit trail', async () => {
    const received = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'sharing.received'), eq(auditLog.targetId, collections.writerOnly))).orderBy(asc(auditLog.seq));
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received[0]?.summary).toMatchObject({ via: 'taxii', partnerId: partners.writer.id, total: 6, stored: 4, failed: 2 });
    const served = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'sharing.served'), eq(auditLog.targetId, collections.writerOnly)));
    expect(served.some((e) => (e.summary as { endpoint: string }).endpoint === 'manifest')).toBe(true);
    expect(served.every((e) => (e.summary as { partnerId: string }).partnerId === partners.writer.id)).toBe(true);
  });
});

describe('credentials', () => {
  it('stops a revoked token and a disabled partner at once', async () => {
    const list = await admin.get('/api/v1/integrity/sharing/partners');
    const reader = list.json().items.find((p: { id: string }) => p.id === partners.reader.id);
    expect(JSON.stringify(reader)).not.toContain(partners.reader.readToken);
    const poller = reader.tokens.find((tok: { name: string }) => tok.name === 'poller');
    expect((await admin.delete(`/api/v1/integrity/sharing/partners/${partners.reader.id}/tokens/${poller.id}`)).statusCode).toBe(204);
    expect((await call(partners.reader.readToken, 'GET', `${root}/collections/`)).statusCode).toBe(401);
    expect((await call(partners.reader.writeToken, 'GET', `${root}/collections/`)).statusCode).toBe(200);
    const disabled = await admin.patch(`/api/v1/integrity/sharing/partners/${partners.reader.id}`, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false, tokens: [] });
    expect((await call(partners.reader.writeToken, 'GET', `${root}/collections/`)).statusCode).toBe(401);
  });
});

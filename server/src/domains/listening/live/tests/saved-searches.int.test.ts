import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import type { UnitRow } from '../../../identity/index.ts';

// Saved searches: the owner's own, shared ones visible to everyone who may read the unit's items,
// nothing across units, and only the owner changes or deletes one.
let t: TestApp;
let admin: Client;
let owner: Client;
let colleague: Client;
let elsewhere: Client;
let viewer: Client;
let tokyo: UnitRow;
let nairobi: UnitRow;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  tokyo = await buildUnit(t.ctx, { name: 'Embassy Tokyo (saved searches)' });
  nairobi = await buildUnit(t.ctx, { name: 'Embassy Nairobi (saved searches)' });
  const users = await Promise.all([
    buildUser(t.ctx, { role: 'analyst', unit: tokyo }),
    buildUser(t.ctx, { role: 'editor', unit: tokyo }),
    buildUser(t.ctx, { role: 'analyst', unit: nairobi }),
    buildUser(t.ctx, { role: 'viewer', unit: tokyo }),
  ]);
  const clients = await Promise.all(users.map((u) => signInAs(t.app, u.email, testPassword)));
  [owner, colleague, elsewhere, viewer] = clients as [Client, Client, Client, Client];
});
afterAll(() => t?.close());

const names = async (c: Client) => ((await c.get('/api/v1/listening/saved-searches')).json().items as { name: string }[]).map((s) => s.name).sort();

describe('saved searches', () => {
  let mineId = '';
  let teamId = '';

  it('saves the search’s filters in their query-string form, in the caller’s unit', async () => {
    const mine = await owner.post('/api/v1/listening/saved-searches', { name: 'Patrols (mine)', query: { q: 'patroli', languages: 'id, en', sentimentMax: -0.2, limit: 10, cursor: 'x' } });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ name: 'Patrols (mine)', unitId: tokyo.id, shared: false, mine: true, policies: { update: true, delete: true } });
    // Lists are joined, defaults and paging left out: ready to put in a URL.
    expect(mine.json().query).toEqual({ q: 'patroli', languages: 'id,en', sentimentMax: '-0.2' });
    mineId = mine.json().id;
    const team = await owner.post('/api/v1/listening/saved-searches', { name: 'Fisheries (team)', query: { q: '渔业', match: 'contains' }, shared: true });
    expect(team.statusCode, team.body).toBe(201);
    expect(team.json().query).toEqual({ q: '渔业', match: 'contains' });
    teamId = team.json().id;
  });

  it('validates the filters with the search’s own rules', async () => {
    const bad = await owner.post('/api/v1/listening/saved-searches', { name: 'Bad tone', query: { sentimentMin: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
    expect((await owner.post('/api/v1/listening/saved-searches', { name: '  ', query: {} })).statusCode).toBe(400);
    expect((await owner.post('/api/v1/listening/saved-searches', { name: 'Bad mode', query: { match: 'regex' } })).statusCode).toBe(400);
    // A unit whose items the owner may not read.
    const foreign = await owner.post('/api/v1/listening/saved-searches', { name: 'Nairobi', query: {}, unitId: nairobi.id });
    expect(foreign.statusCode).toBe(403);
  });

  it('shows shared searches to the unit’s readers, own ones to their owner only', async () => {
    expect(await names(owner)).toEqual(['Fisheries (team)', 'Patrols (mine)']);
    expect(await names(colleague)).toEqual(['Fisheries (team)']);
    // The ministry's administrator reads every unit below it: the shared one, not the private one.
    expect(await names(admin)).toEqual(['Fisheries (team)']);
    expect(await names(elsewhere)).toEqual([]);
    const seen = (await colleague.get('/api/v1/listening/saved-searches')).json().items[0];
    expect(seen).toMatchObject({ mine: false, policies: { update: false, delete: false } });
    expect(seen.ownerName).toEqual(expect.any(String));
    expect((await colleague.get(`/api/v1/listening/saved-searches/${teamId}`)).statusCode).toBe(200);
    expect((await colleague.get(`/api/v1/listening/saved-searches/${mineId}`)).json().error.code).toBe('listening-saved-search.not-found');
    expect((await elsewhere.get(`/api/v1/listening/saved-searches/${teamId}`)).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/listening/saved-searches')).statusCode).toBe(403);
  });

  it('lets only the owner rename, re-filter, unshare and delete', async () => {
    expect((await colleague.patch(`/api/v1/listening/saved-searches/${teamId}`, { name: 'Taken over' })).statusCode).toBe(403);
    expect((await colleague.delete(`/api/v1/listening/saved-searches/${teamId}`)).statusCode).toBe(403);
    expect((await elsewhere.delete(`/api/v1/listening/saved-searches/${teamId}`)).statusCode).toBe(404);

    const renamed = await owner.patch(`/api/v1/listening/saved-searches/${teamId}`, { name: 'Fisheries', query: { q: 'perikanan', countries: 'id,fj' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Fisheries', shared: true, query: { q: 'perikanan', countries: 'id,fj' } });
    const unshared = await owner.patch(`/api/v1/listening/saved-searches/${teamId}`, { shared: false });
    expect(unshared.json().shared).toBe(false);
    expect(await names(colleague)).toEqual([]);

    expect((await owner.delete(`/api/v1/listening/saved-searches/${mineId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/listening/saved-searches/${mineId}`)).statusCode).toBe(404);
    expect(await names(owner)).toEqual(['Fisheries']);
  });
});

// What fediverse software and crawlers ask a newsroom host: NodeInfo, other /.well-known/ names
// (which must not fall through to the web app), and the ActivityPub object behind a newsroom page
// (how a Mastodon search for the page's address finds the post).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { insertPost, markPostWithdrawn } from '../federation/federation.repo.ts';
import { createNewsroomTestApp, type NewsroomTestApp, publishTestStatement } from './newsroom-test-app.ts';
import { withdrawSignedStatement } from './record-signed-statement.ts';

const serverPackage = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../package.json'), 'utf8')) as { version: string };

let t: NewsroomTestApp;
let webDist: string;
let live: Awaited<ReturnType<typeof publishTestStatement>>;
let withdrawn: Awaited<ReturnType<typeof publishTestStatement>>;
let noteOf: (statementId: string) => string;

/** Records the statement as federated, as the `activitypub` bus group does when it is published. */
async function federate(p: Awaited<ReturnType<typeof publishTestStatement>>) {
  await insertPost(t.ctx.db, {
    statementId: p.input.statementId,
    unitId: p.input.unitId,
    organisationId: p.input.organisationId,
    kind: p.input.kind,
    versions: [{ language: p.input.language, title: p.input.title, body: p.input.body, url: p.url }],
    publishedAt: p.input.publishedAt,
  });
}

beforeAll(async () => {
  // A built web app, so the SPA fallback is live and could swallow unknown addresses.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>DiploDesk app</title>');
  t = await createNewsroomTestApp({ overrides: { webDist } });
  noteOf = (statementId) => `${t.url}/ap/actors/${t.organisationId}/notes/${statementId}`;
  live = await publishTestStatement(t, { title: 'On the maritime boundary' });
  await federate(live);
  withdrawn = await publishTestStatement(t, { title: 'On the old draft' });
  await federate(withdrawn);
  await inTransaction(t.ctx, (tx) => withdrawSignedStatement(tx, { secretBox: t.ctx.secretBox, config: t.config }, { statementId: withdrawn.input.statementId, reason: 'Superseded', at: new Date() }));
  await markPostWithdrawn(t.ctx.db, withdrawn.input.statementId, new Date());
}, 60_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('NodeInfo and /.well-known/', () => {
  it('links NodeInfo 2.1 from /.well-known/nodeinfo', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/nodeinfo' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('json');
    expect(res.json().links).toEqual([expect.objectContaining({ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: `${t.url}/nodeinfo/2.1` })]);
  });

  it('serves NodeInfo 2.1: diplodesk, its version, ActivityPub, one user, the published entries, closed registrations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nodeinfo/2.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const info = res.json();
    expect(info.version).toBe('2.1');
    expect(info.software).toMatchObject({ name: 'diplodesk', version: serverPackage.version });
    expect(info.protocols).toEqual(['activitypub']);
    expect(info.openRegistrations).toBe(false);
    // Two entries were published; one is withdrawn.
    expect(info.usage).toMatchObject({ users: { total: 1 }, localPosts: 1 });
  });

  it.each(['/.well-known/host-meta', '/.well-known/nonexistent', '/.well-known/', '/nodeinfo/2.0'])('answers 404 for %s, not the web app', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('DiploDesk app');
  });

  it('still serves the web app for its own client-side routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/statements/calendar' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('DiploDesk app');
  });
});

describe('a newsroom page offers its ActivityPub object', () => {
  const pagePath = () => new URL(live.url).pathname;

  it('links the note from the page head', async () => {
    const res = await t.app.inject({ method: 'GET', url: pagePath() });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<link rel="alternate" type="application/activity+json" href="${noteOf(live.input.statementId)}">`);
    expect(String(res.headers.vary)).toMatch(/accept(,|$)/i);
  });

  it.each([
    'application/activity+json',
    'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"; q=0.9, text/html; q=0.1',
  ])('redirects Accept: %s to the note, which answers JSON', async (accept) => {
    // The HTML is rendered (and cached) first: a cached page must not answer an ActivityPub request.
    await t.app.inject({ method: 'GET', url: pagePath() });
    const res = await t.app.inject({ method: 'GET', url: pagePath(), headers: { accept } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(noteOf(live.input.statementId));
    const note = await t.app.inject({ method: 'GET', url: new URL(noteOf(live.input.statementId)).pathname, headers: { accept: 'application/activity+json' } });
    expect(note.statusCode).toBe(200);
    expect(note.json()).toMatchObject({ type: 'Note', id: noteOf(live.input.statementId), url: live.url });
  });

  it('keeps HTML for browsers', async () => {
    const res = await t.app.inject({ method: 'GET', url: pagePath(), headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('sends a withdrawn page’s ActivityPub readers to the Tombstone (410), and links no live object from it', async () => {
    const path = new URL(withdrawn.url).pathname;
    const res = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'application/activity+json' } });
    expect(res.statusCode).toBe(302);
    const gone = await t.app.inject({ method: 'GET', url: new URL(res.headers.location as string).pathname, headers: { accept: 'application/activity+json' } });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ type: 'Tombstone' });
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.body).not.toContain('application/activity+json');
  });

  it('keeps HTML for a page whose statement never went to ActivityPub', async () => {
    const local = await publishTestStatement(t, { title: 'Before federation was on' });
    const res = await t.app.inject({ method: 'GET', url: new URL(local.url).pathname, headers: { accept: 'application/activity+json' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('application/activity+json');
  });
});

// A signed POST to our inbox whose signer's key cannot be fetched — the account was deleted (410),
// never existed (404), or its server is down (closed port) — is refused or accepted, never a 500.
// Fedify remembers an unreachable key as `null` in its KvStore; that has to be storable.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify/sig';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { freePort } from '../../../test/server-process.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';

type KeyServer = { origin: string; requests: string[]; close(): Promise<void> };

/** A remote instance whose actor and key URLs all answer `status` (404 Not Found, 410 Gone as Mastodon does for a deleted account). */
async function keyServer(status: number): Promise<KeyServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(status, { 'content-type': 'application/activity+json' }).end(status === 410 ? '{"type":"Tombstone"}' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestApp;
let actorUri: string;
let keys: CryptoKeyPair;
const servers: KeyServer[] = [];

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://news.example.go.id' });
  const root = (await findRootUnit(t.ctx.db))!;
  actorUri = `${t.config.publicUrl}/ap/actors/${root.id}`;
  keys = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t?.close();
});

let seq = 0;

/** POSTs `activity` to `inbox`, HTTP-signed with a key whose id lives at `remote`. */
async function postSigned(inbox: string, remote: string, type: 'Delete' | 'Follow') {
  const actor = `${remote}/users/gone`;
  const activity =
    type === 'Delete'
      ? { '@context': 'https://www.w3.org/ns/activitystreams', id: `${actor}#delete-${++seq}`, type, actor, to: 'https://www.w3.org/ns/activitystreams#Public', object: actor }
      : { '@context': 'https://www.w3.org/ns/activitystreams', id: `${actor}#follow-${++seq}`, type, actor, object: actorUri };
  const body = JSON.stringify(activity);
  const unsigned = new Request(inbox, { method: 'POST', headers: { 'content-type': 'application/activity+json', accept: 'application/activity+json' }, body });
  const signed = await signRequest(unsigned, keys.privateKey, new URL(`${actor}#main-key`));
  const headers: Record<string, string> = {};
  signed.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return t.app.inject({ method: 'POST', url: new URL(inbox).pathname, headers, payload: body });
}

describe('the inbox when the signer’s key cannot be fetched', () => {
  for (const status of [410, 404]) {
    it(`accepts a Delete from an actor whose key answers ${status}, and again once the failure is cached`, async () => {
      const remote = await keyServer(status);
      servers.push(remote);
      const first = await postSigned(`${t.config.publicUrl}/ap/inbox`, remote.origin, 'Delete');
      expect(first.statusCode, first.body).toBe(202);
      expect(remote.requests.length).toBeGreaterThan(0);
      // The second delivery (a retry, or the same Delete to the actor's own inbox) meets the cached failure.
      const seen = remote.requests.length;
      const second = await postSigned(`${actorUri}/inbox`, remote.origin, 'Delete');
      expect(second.statusCode, second.body).toBe(202);
      expect(remote.requests.length).toBe(seen);
    });
  }

  it(`refuses (401, not 500) a Follow whose key answers 410: unverifiable, so nothing is recorded`, async () => {
    const remote = await keyServer(410);
    servers.push(remote);
    const res = await postSigned(`${actorUri}/inbox`, remote.origin, 'Follow');
    expect(res.statusCode, res.body).toBe(401);
    const followers = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from federation_followers`);
    expect(followers[0]?.n).toBe(0);
  });

  it('refuses (401, not 500) a Delete whose key server is not listening, twice', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const first = await postSigned(`${t.config.publicUrl}/ap/inbox`, closed, 'Delete');
    expect(first.statusCode, first.body).toBe(401);
    const second = await postSigned(`${t.config.publicUrl}/ap/inbox`, closed, 'Delete');
    expect(second.statusCode, second.body).toBe(401);
  });
});

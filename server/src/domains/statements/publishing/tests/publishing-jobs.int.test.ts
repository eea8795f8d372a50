import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outbox } from '../../../../platform/db/platform.tables.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace } from '../../../identity/index.ts';
import { schedulePublications, withdrawPublications } from '../publishing.commands.ts';
import { findAccount, findPublication } from '../publishing.repo.ts';
import { channelAccounts, publications } from '../publishing.tables.ts';
import { availableConnectors, connectFakeAccount, createHarness, type Harness, livePosts } from './harness.ts';

let db: TestDatabase;
let h: Harness;
let unitId: string;
const fakes = new Map<string, FakePlatform>();
const statementId = () => crypto.randomUUID();
const actorId = crypto.randomUUID();
let n = 0;

beforeAll(async () => {
  const loaded = await availableConnectors(['x', 'mastodon']);
  expect(loaded.map((l) => l.id).sort()).toEqual(['mastodon', 'x']);
  const env: Record<string, string> = { MASTODON_REQUEST_TIMEOUT_MS: '1000' };
  for (const l of loaded) {
    const fake = await l.startFake();
    fakes.set(l.id, fake);
    Object.assign(env, fake.env);
  }
  db = await createTestDatabase();
  h = createHarness(db, loaded.map((l) => l.definition), env);
  await initialiseWorkspace(h.ctx);
  unitId = (await findRootUnit(db.db))!.id;
});

afterAll(async () => {
  for (const f of fakes.values()) await f.close();
  await db?.drop();
});

beforeEach(() => {
  for (const f of fakes.values()) f.reset();
});

async function schedule(platform: string, text = `Statement ${++n} on the ${platform} channel`) {
  const fake = fakes.get(platform)!;
  const account = await connectFakeAccount(h, fake, unitId, `${platform}-${n}`);
  const sid = statementId();
  const { publicationIds } = await db.db.transaction((tx) =>
    schedulePublications(tx, { statementId: sid, unitId, scheduledAt: new Date(), actorId, items: [{ channelAccountId: account.id, text, language: 'en', media: [], linkUrl: `https://newsroom.test/s/${sid}` }] }),
  );
  return { fake, account, statementId: sid, id: publicationIds[0]!, text };
}

const pub = async (id: string) => (await findPublication(db.db, id))!;

describe('publishing jobs against the fakes', () => {
  it('publishes to Mastodon once with the link in the text, an event and an audit entry', async () => {
    const s = await schedule('mastodon');
    await h.drain();
    const row = await pub(s.id);
    expect(row).toMatchObject({ state: 'published', attempts: 1, lastError: null, jobId: null });
    const posts = livePosts(s.fake);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(`https://newsroom.test/s/${s.statementId}`);
    expect(posts[0]!.idempotencyKey).toBe(row.idempotencyKey);
    expect(row.remoteId).toBe(posts[0]!.remoteId);
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.targetId, s.id));
    expect(audits.map((a) => a.action)).toEqual(['publication.published']);
    const events = (await db.db.select().from(outbox)).filter((e) => (e.data as { statementId?: string }).statementId === s.statementId);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ type: 'statements.statement-changed', unitId, data: { change: 'publication-updated' } });
  });

  it('posts to X and puts the newsroom link in a reply to the post', async () => {
    const s = await schedule('x');
    await h.drain();
    const row = await pub(s.id);
    expect(row).toMatchObject({ state: 'published', replyState: 'posted' });
    const ledger = s.fake.ledger().filter((e) => !e.deleted);
    expect(ledger).toHaveLength(2);
    expect(ledger[0]!.text).toBe(s.text);
    expect(ledger[1]).toMatchObject({ replyTo: ledger[0]!.remoteId, text: `https://newsroom.test/s/${s.statementId}` });
    expect(row.replyRemoteId).toBe(ledger[1]!.remoteId);
  });

  it('an X post dropped after commit becomes unconfirmed and is found by the status check, never posted twice', async () => {
    const s = await schedule('x');
    s.fake.failNext({ kind: 'drop-after-commit' });
    await h.drain({ fastForward: false });
    expect((await pub(s.id)).state).toBe('unconfirmed');
    await h.drain();
    const row = await pub(s.id);
    expect(row.state).toBe('published');
    expect(livePosts(s.fake)).toHaveLength(1);
    expect(row.remoteId).toBe(livePosts(s.fake)[0]!.remoteId);
    const actions = (await db.db.select().from(auditLog).where(eq(auditLog.targetId, s.id))).map((a) => a.action);
    expect(actions).toEqual(['publication.unconfirmed', 'publication.resolved']);
  });

  it('a Mastodon post dropped after commit is repeated with the same Idempotency-Key and lands once', async () => {
    const s = await schedule('mastodon');
    s.fake.failNext({ kind: 'drop-after-commit' });
    await h.drain();
    const row = await pub(s.id);
    expect(row).toMatchObject({ state: 'published', attempts: 2 });
    expect(livePosts(s.fake)).toHaveLength(1);
  });

  it('a Mastodon timeout after commit is repeated safely', async () => {
    const s = await schedule('mastodon');
    s.fake.failNext({ kind: 'timeout-after-commit', ms: 3000 });
    await h.drain();
    expect((await pub(s.id)).state).toBe('published');
    expect(livePosts(s.fake)).toHaveLength(1);
  });

  it('a rate limit reschedules at the platform’s reset time, then publishes', async () => {
    const s = await schedule('x');
    s.fake.failNext({ kind: 'rate-limit', resetInSeconds: 30 });
    await h.drain({ fastForward: false });
    const waiting = await pub(s.id);
    expect(waiting.state).toBe('scheduled');
    expect(waiting.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(20_000);
    expect(livePosts(s.fake)).toHaveLength(0);
    await h.drain();
    expect((await pub(s.id)).state).toBe('published');
    expect(livePosts(s.fake)).toHaveLength(1);
  });

  it('refreshes an expired X token once, stores the new credentials and publishes', async () => {
    const s = await schedule('x');
    const before = (await findAccount(db.db, s.account.id))!.credentialsSealed;
    s.fake.expireAccessTokens();
    await h.drain();
    expect((await pub(s.id)).state).toBe('published');
    const account = (await findAccount(db.db, s.account.id))!;
    expect(account.status).toBe('active');
    expect(account.credentialsSealed).not.toBe(before);
    expect(livePosts(s.fake)).toHaveLength(1);
  });

  it('without a refresh token an expired login fails the publication and asks for a reconnect', async () => {
    const s = await schedule('mastodon');
    s.fake.failNext({ kind: 'auth-expired' });
    await h.drain();
    const row = await pub(s.id);
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/token/i);
    expect((await findAccount(db.db, s.account.id))!.status).toBe('needs_reconnect');
    expect(livePosts(s.fake)).toHaveLength(0);
  });

  it('a rejected post fails for good with the platform’s reason', async () => {
    const s = await schedule('mastodon');
    s.fake.failNext({ kind: 'reject' });
    await h.drain();
    const row = await pub(s.id);
    expect(row).toMatchObject({ state: 'failed', jobId: null });
    expect(row.lastError).toBeTruthy();
    expect(livePosts(s.fake)).toHaveLength(0);
  });

  it('a crash between claim and record: X is checked first (and re-sent only when absent), Mastodon repeats', async () => {
    const x = await schedule('x');
    const m = await schedule('mastodon');
    // What step 1 leaves behind when the process dies before the call: the row says `publishing`.
    for (const s of [x, m]) await db.db.update(publications).set({ state: 'publishing', attempts: 1, attemptStartedAt: new Date() }).where(eq(publications.id, s.id));
    await h.drain({ fastForward: false });
    expect((await pub(x.id)).state).toBe('unconfirmed');
    await h.drain();
    expect((await pub(x.id)).state).toBe('published');
    expect((await pub(m.id)).state).toBe('published');
    expect(livePosts(x.fake)).toHaveLength(1);
    expect(livePosts(m.fake)).toHaveLength(1);
  });

  it('withdraws published posts (and the X link reply) and records them withdrawn', async () => {
    const x = await schedule('x');
    await h.drain();
    await db.db.transaction((tx) => withdrawPublications(tx, { statementId: x.statementId, reason: 'superseded', actorId }));
    expect((await pub(x.id)).state).toBe('withdrawing');
    await h.drain();
    const row = await pub(x.id);
    expect(row.state).toBe('withdrawn');
    expect(row.withdrawnAt).not.toBeNull();
    expect(x.fake.ledger().every((e) => e.deleted)).toBe(true);
    const actions = (await db.db.select().from(auditLog).where(eq(auditLog.targetId, x.id))).map((a) => a.action);
    expect(actions).toContain('publication.withdrawn');
  });

  it('fails clearly when the account was disconnected before the time came', async () => {
    const s = await schedule('mastodon');
    await db.db.update(channelAccounts).set({ status: 'disconnected', credentialsSealed: null }).where(eq(channelAccounts.id, s.account.id));
    await h.drain();
    expect(await pub(s.id)).toMatchObject({ state: 'failed', lastError: 'The channel account was disconnected.' });
  });
});

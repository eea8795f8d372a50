// The cooperation finder over a small hand-made vote table: importing the Voeten files in the
// background (progress, resuming, a bad line, again, gzip), agreement figures checked by hand,
// partners ranked with their reasons, the country profile, and who may do what.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CooperationRanking, type CountryProfile, type UnVotesImport, type UnVotesImportList, type UnVotesImportResult, type UnVotesStatus, unVotesMaxBytes } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { createAnalyser, ingestBatch, insertSource } from '../../listening/index.ts';
import { type UnVotesProgress, runUnVotesImport } from '../cooperation/import/run-unvotes-import.ts';
import { insightsJobs } from '../index.ts';

let t: TestApp;
let admin: Client;
let rootId: string;

const rollCalls = `rcid,session,importantvote,date,unres,amend,para,short,descr
1,70,0,2015-10-01,R/70/1,0,0,HUMAN RIGHTS DEFENDERS,"Protection of human rights defenders, ""all"" of them"
2,70,1,2015-11-02,R/70/2,0,0,HUMAN RIGHTS IN X,NA
3,70,0,2015-12-03,R/70/3,1,0,DISARMAMENT,Nuclear-free zone
4,71,0,2016-10-04,R/71/1,0,0,HUMAN RIGHTS EDUCATION,NA
5,71,0,2016-11-05,R/71/2,0,1,DEVELOPMENT,Economic development
6,71,0,2016-12-06,R/71/3,0,0,PALESTINE,Palestinian refugees
`;
const issues = 'rcid,short_name,issue\n1,hr,Human rights\n2,hr,Human rights\n3,di,Arms control and disarmament\n3,nu,Nuclear weapons and nuclear material\n4,hr,Human rights\n5,ec,Economic development\n6,me,Palestinian conflict\n';
// Indonesia (ID), Malaysia (MY), the United States (US), Japan (JP); Japan absent (8) on roll call 3.
const table: Record<string, string> = { ID: 'yynyay', MY: 'yanyyy', US: 'nnynyn', JP: 'ay8yya' };
const word: Record<string, string> = { y: 'yes', n: 'no', a: 'abstain', '8': '8' };
function votesCsv(override?: (rcid: number, country: string, vote: string) => string): string {
  const lines = ['"rcid","country","country_code","vote"'];
  const names: Record<string, string> = { ID: 'Indonesia', MY: 'Malaysia', US: 'United States', JP: 'Japan' };
  for (let rcid = 1; rcid <= 6; rcid++) {
    for (const [code, row] of Object.entries(table)) {
      const vote = word[row[rcid - 1]!]!;
      lines.push(`${rcid},"${names[code]}","${code}","${override ? override(rcid, code, vote) : vote}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function upload(client: Client, part: string, body: string | Buffer, type = 'text/csv') {
  return client.request({ method: 'POST', url: `/api/v1/insights/un-votes/import?part=${part}`, headers: { 'content-type': type, 'x-file-name': `${part}.csv` }, payload: typeof body === 'string' ? Buffer.from(body) : body });
}
/** Uploads a file: answered at once with the queued import, nothing stored yet. */
async function queued(part: string, body: string | Buffer, type?: string): Promise<UnVotesImport> {
  const res = await upload(admin, part, body, type);
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as UnVotesImport;
  expect(started).toMatchObject({ part, fileName: `${part}.csv`, status: 'queued', percent: 0, rowsStored: 0, result: null, error: null });
  return started;
}
const importOf = async (id: string) => (await admin.get(`/api/v1/insights/un-votes/imports/${id}`)).json() as UnVotesImport;
/** Uploads a file and runs the jobs: the import as it ended. */
async function ended(part: string, body: string | Buffer, type?: string): Promise<UnVotesImport> {
  const { id } = await queued(part, body, type);
  await runJobs();
  return importOf(id);
}
async function imported(part: string, body: string | Buffer, type?: string): Promise<UnVotesImportResult> {
  const done = await ended(part, body, type);
  expect(done.status, JSON.stringify(done.error)).toBe('done');
  expect(done.percent).toBe(100);
  return done.result!;
}
async function snapshot(): Promise<string> {
  const [votes, calls, tags, names] = await Promise.all([
    queryRows(t.ctx.db, sql`select rcid, country, vote from insights_un_votes order by 1, 2`),
    queryRows(t.ctx.db, sql`select * from insights_un_roll_calls order by rcid`),
    queryRows(t.ctx.db, sql`select * from insights_un_roll_call_issues order by 1, 2`),
    queryRows(t.ctx.db, sql`select * from insights_un_countries order by 1`),
  ]);
  return JSON.stringify({ votes, calls, tags, names });
}
const audited = async () => Number((await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log where action = 'insights-unvotes.imported'`))[0]?.n);
const storedFile = async (id: string) => {
  const [row] = await queryRows<{ storage_key: string }>(t.ctx.db, sql`select storage_key from insights_un_votes_imports where id = ${id}`);
  return fs.existsSync(path.join(t.config.storageDir, row!.storage_key));
};
async function runJobs(): Promise<void> {
  const runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'cooperation-test', pollMs: 50 });
  while (await runner.runOnce()) {
    /* until the queue is empty */
  }
}
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t?.close());

describe('our country', () => {
  it('is asked for before anything is compared with it, then read from the workspace setting', async () => {
    const cleared = await admin.request({ method: 'PUT', url: '/api/v1/insights/settings/our-country', payload: { country: null } });
    expect(cleared.statusCode).toBe(200);
    const unset = await admin.get('/api/v1/insights/countries/MY');
    expect(unset.statusCode).toBe(409);
    expect(unset.json().error).toMatchObject({ code: 'insights.our-country-not-set' });
    const set = await admin.request({ method: 'PUT', url: '/api/v1/insights/settings/our-country', payload: { country: 'ID' } });
    expect(set.statusCode).toBe(200);
    expect((await admin.get('/api/v1/insights/countries/MY')).statusCode).toBe(200);
  });
});

describe('importing UN votes', () => {
  it('answers the upload at once, then checks and stores each file in the background with its progress, and audits it', async () => {
    expect(await imported('roll-calls', rollCalls)).toMatchObject({ rows: 6, added: 6, changed: 0, unchanged: 0 });
    expect(await imported('issues', issues)).toMatchObject({ rows: 7, added: 7 });

    const before = await snapshot();
    const votes = await queued('votes', votesCsv());
    expect(await snapshot()).toBe(before);
    // The first run stops after two chunks of five rows, as a run whose budget is spent does.
    const stop = new AbortController();
    const seen: UnVotesProgress[] = [];
    const onProgress = (p: UnVotesProgress) => {
      seen.push(p);
      if (p.phase === 'storing' && p.done >= 10) stop.abort();
    };
    const deps = { storage: t.ctx.storage, chunkRows: 5, runBudgetMs: null, onProgress };
    expect(await runUnVotesImport(deps, t.ctx.db, votes.id, stop.signal)).toEqual({ state: 'more' });
    expect(seen.filter((p) => p.phase === 'checking').at(-1)).toEqual({ phase: 'checking', done: votes.sizeBytes, total: votes.sizeBytes });
    expect(seen.filter((p) => p.phase === 'storing')).toEqual([
      { phase: 'storing', done: 5, total: 23 },
      { phase: 'storing', done: 10, total: 23 },
    ]);
    // 24 lines read (one absence), 23 distinct votes to store; checking is the first 15 % of the bar, storing the next 75 %.
    expect(await importOf(votes.id)).toMatchObject({ status: 'storing', bytesChecked: votes.sizeBytes, rowsRead: 24, rowsToStore: 23, rowsStored: 10, percent: 15 + Math.floor((75 * 10) / 23), result: null });
    const [partial] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from insights_un_votes`);
    expect(Number(partial?.n)).toBe(10);

    // The job resumes after the stored chunks; the counts stay exact.
    await runJobs();
    const done = await importOf(votes.id);
    expect(done).toMatchObject({ status: 'done', percent: 100, rowsStored: 23, idealPoints: { state: 'done', done: 2, total: 2 }, error: null });
    expect(done.result).toEqual({ part: 'votes', rows: 24, added: 23, changed: 0, unchanged: 0, skipped: 1, rollCallsWithoutDescription: 0 });
    expect(await storedFile(votes.id)).toBe(false);

    const [row] = await queryRows<{ description: string; amendment: boolean; paragraph: boolean }>(t.ctx.db, sql`select description, amendment, paragraph from insights_un_roll_calls where rcid = 1`);
    expect(row).toEqual({ description: 'Protection of human rights defenders, "all" of them', amendment: false, paragraph: false });
    const audit = await queryRows<{ actor_label: string; target_id: string; summary: { fileName: string; added: number } }>(
      t.ctx.db,
      sql`select actor_label, target_id, summary from audit_log where action = 'insights-unvotes.imported' order by seq`,
    );
    expect(audit).toHaveLength(3);
    expect(audit[2]).toMatchObject({ actor_label: adminEmail, target_id: votes.id, summary: { fileName: 'votes.csv', added: 23 } });
    const status = (await admin.get('/api/v1/insights/un-votes')).json() as UnVotesStatus;
    expect(status).toMatchObject({ rollCalls: 6, votes: 23, countries: 4, firstSession: 70, lastSession: 71, canImport: true });
    const list = (await admin.get('/api/v1/insights/un-votes/imports?limit=2')).json() as UnVotesImportList;
    expect(list.items.map((i) => [i.part, i.status])).toEqual([
      ['votes', 'done'],
      ['issues', 'done'],
    ]);
  });

  it('changes nothing when the same files come again, gzipped or not', async () => {
    const before = await snapshot();
    expect(await imported('roll-calls', rollCalls)).toMatchObject({ added: 0, changed: 0, unchanged: 6 });
    expect(await imported('issues', issues)).toMatchObject({ added: 0, changed: 0, unchanged: 7 });
    const again = await ended('votes', gzipSync(votesCsv()), 'application/gzip');
    expect(again.result).toMatchObject({ rows: 24, added: 0, changed: 0, unchanged: 23, skipped: 1 });
    // Nothing changed, so no ideal points are computed again.
    expect(again.idealPoints).toBeNull();
    expect(await snapshot()).toBe(before);
  });

  it('fails a file with a bad line, naming the line, and stores nothing of it', async () => {
    const before = await snapshot();
    const audits = await audited();
    // Line 1 is the header; roll call 1's votes are lines 2–5, roll call 2's lines 6–9.
    const bad = votesCsv((rcid, country, vote) => (rcid === 2 && country === 'MY' ? 'maybe' : rcid === 1 && country === 'ID' ? 'no' : vote));
    const failed = await ended('votes', bad);
    expect(failed).toMatchObject({ status: 'failed', result: null, rowsStored: 0 });
    expect(failed.error).toEqual({ code: 'invalid-file', message: expect.stringContaining('Line 7 of the votes file: vote must be yes, no or abstain'), problem: { part: 'votes', line: 7, column: 'vote', value: 'maybe' } });
    // The changed vote on line 2 came before the bad line: it is not stored either.
    expect(await snapshot()).toBe(before);
    expect(await audited()).toBe(audits);
    expect(await storedFile(failed.id)).toBe(false);

    const code = await ended('issues', 'rcid,short_name\n1,hr\n2,xx\n');
    expect(code.error?.problem).toEqual({ part: 'issues', line: 3, column: 'short_name', value: 'xx' });
    // A long gzip file cut in half: its header reads at upload, the rest fails in the job.
    const long = ['rcid,country_code,vote', ...Array.from({ length: 20_000 }, (_, i) => `${1000 + i},ID,yes`)].join('\n');
    const whole = gzipSync(long);
    const broken = await ended('votes', whole.subarray(0, whole.length / 2), 'application/gzip');
    expect(broken.error).toMatchObject({ code: 'invalid-file', message: expect.stringContaining('could not be decompressed'), problem: { part: 'votes', line: 0 } });
    expect(await snapshot()).toBe(before);
    expect(await audited()).toBe(audits);
  });

  it('refuses at once a file whose header is not the part asked for, an empty one or one too large, keeping nothing', async () => {
    const [{ n: imports }] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from insights_un_votes_imports`) as [{ n: number }];
    const header = await upload(admin, 'issues', 'rcid,issue\n1,hr\n');
    expect(header.statusCode).toBe(422);
    expect(header.json().error).toMatchObject({ code: 'insights-unvotes.invalid-file', details: { part: 'issues', line: 1 } });
    expect(header.json().error.message).toContain('the header has no column short_name');
    // Cut short after its first bytes, a gzip file has no header to read.
    const cut = await upload(admin, 'votes', gzipSync(votesCsv()).subarray(0, 60), 'application/gzip');
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error.message).toContain('could not be decompressed');
    const empty = await upload(admin, 'votes', '');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details).toMatchObject({ part: 'votes', line: 1 });
    // A client that announces more than the limit is refused before anything is read.
    const large = await admin.request({ method: 'POST', url: '/api/v1/insights/un-votes/import?part=votes', headers: { 'content-type': 'application/gzip', 'content-length': String(unVotesMaxBytes + 1) }, payload: Buffer.from('rcid,country,vote\n') });
    expect(large.statusCode).toBe(413);
    expect(large.json().error).toMatchObject({ code: 'insights-unvotes.too-large', details: { maxBytes: unVotesMaxBytes } });
    const [after] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from insights_un_votes_imports`);
    expect(Number(after?.n)).toBe(Number(imports));
    expect((await admin.get('/api/v1/insights/un-votes/imports/0190a000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('updates a vote that changed, and only that one, however many runs take the import', async () => {
    const { id } = await queued('votes', votesCsv((rcid, country, vote) => (rcid === 6 && country === 'US' ? 'abstain' : vote)));
    // A job taken over after its lease, or the CLI beside a worker: both runs end it once.
    const deps = { storage: t.ctx.storage, chunkRows: 5, runBudgetMs: null };
    const never = new AbortController().signal;
    await Promise.all([runUnVotesImport(deps, t.ctx.db, id, never), runUnVotesImport(deps, t.ctx.db, id, never)]);
    await runJobs();
    expect((await importOf(id)).result).toMatchObject({ added: 0, changed: 1, unchanged: 22 });
    await imported('votes', votesCsv());
  });
});

describe('agreement, ranking and profile', () => {
  beforeAll(async () => {
    const analyser = await createAnalyser();
    const feed = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Regional feed', config: { url: 'https://news.example/rss' } });
    const now = Date.now();
    await ingestBatch(t.ctx, analyser, feed, [
      { remoteId: 'co-1', text: 'Indonesia and Malaysia call for stronger human rights protection for migrant workers.', publishedAt: new Date(now - 3_600_000).toISOString() },
      { remoteId: 'co-2', text: 'Human rights defenders from Indonesia and Malaysia meet activists in Kuala Lumpur.', publishedAt: new Date(now - 7_200_000).toISOString() },
      { remoteId: 'co-3', text: 'Japan and Indonesia discuss human rights education in Tokyo.', publishedAt: new Date(now - 10_800_000).toISOString() },
    ]);
    await until(async () => {
      const [row] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from insights_item_facts`);
      return Number(row?.n) === 3;
    }, 'the items to reach the insights facts');
    const res = await admin.post('/api/v1/statements', {
      unitId: rootId,
      kind: 'press-release',
      primaryLanguage: 'en',
      audienceTimeZone: 'Asia/Jakarta',
      texts: [{ language: 'en', title: 'Human rights dialogue with Malaysia', body: 'Indonesia and Malaysia held their annual human rights dialogue in Jakarta.' }],
      tags: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    await runJobs();
  });

  it('scores agreement per session as Voeten does: identical 1, one abstains ½, yes against no 0, absences not counted', async () => {
    const my = (await admin.get('/api/v1/insights/countries/MY')).json() as CountryProfile;
    // ID–MY, session 70: y/y 1, y/a ½, n/n 1 → 2.5 / 3; session 71: y/y 1, a/y ½, y/y 1 → 2.5 / 3.
    expect(my.agreementTrend).toEqual([
      { session: 70, year: 2015, agreement: 0.8333, votes: 3 },
      { session: 71, year: 2016, agreement: 0.8333, votes: 3 },
    ]);
    const jp = (await admin.get('/api/v1/insights/countries/jp')).json() as CountryProfile;
    // ID–JP, session 70: y/a ½, y/y 1, Japan absent → 1.5 / 2; session 71: y/y 1, a/y ½, y/a ½ → 2 / 3.
    expect(jp.agreementTrend.map((s) => [s.session, s.agreement, s.votes])).toEqual([
      [70, 0.75, 2],
      [71, 0.6667, 3],
    ]);
    // Human rights (roll calls 1, 2, 4): ½ + 1 + 1 over 3; Palestinian conflict (6): ½.
    expect(jp.issueAgreement.find((i) => i.issue === 'hr')).toEqual({ issue: 'hr', agreement: 0.8333, votes: 3 });
    expect(jp.issueAgreement.find((i) => i.issue === 'me')).toEqual({ issue: 'me', agreement: 0.5, votes: 1 });
    expect(jp.issueAgreement.find((i) => i.issue === 'co')).toEqual({ issue: 'co', agreement: null, votes: 0 });
    const us = (await admin.get('/api/v1/insights/countries/US')).json() as CountryProfile;
    expect(us.agreementTrend.map((s) => s.agreement)).toEqual([0, 0.1667]);
  });

  it('places both states on the ideal-point scale per session, the United States positive', async () => {
    const us = (await admin.get('/api/v1/insights/countries/US')).json() as CountryProfile;
    expect(us.idealPoints.map((p) => p.session)).toEqual([70, 71]);
    for (const p of us.idealPoints) {
      expect(p.theirs).toBeGreaterThan(0);
      expect(p.ours).toBeLessThan(0);
    }
    expect(((await admin.get('/api/v1/insights/un-votes')).json() as UnVotesStatus).idealPoints).toEqual({ state: 'done', done: 2, total: 2 });
  });

  it('ranks partners for a topic with the reasons and their figures', async () => {
    const res = await admin.get('/api/v1/insights/cooperation?topic=human-rights&sessions=2&days=30');
    expect(res.statusCode, res.body).toBe(200);
    const ranking = res.json() as CooperationRanking;
    expect(ranking).toMatchObject({ ourCountry: 'ID', issues: ['hr'], sessions: { from: 70, to: 71 }, days: 30 });
    expect(ranking.partners.map((p) => p.country)).toEqual(['MY', 'JP', 'US']);
    const [my, jp, us] = ranking.partners;
    expect(my!.reasons).toEqual([
      { kind: 'un-agreement', agreement: 0.8333, votes: 3, issues: ['hr'], fromSession: 70, toSession: 71 },
      { kind: 'co-mentions', items: 2, days: 30 },
      { kind: 'statements', statements: 1, days: 30 },
    ]);
    expect(jp!.reasons).toEqual([
      { kind: 'un-agreement', agreement: 0.8333, votes: 3, issues: ['hr'], fromSession: 70, toSession: 71 },
      { kind: 'co-mentions', items: 1, days: 30 },
    ]);
    // 0.6 × agreement + 0.25 × co-mentions / the most + 0.15 × statements / the most.
    expect(my!.score).toBeCloseTo(0.6 * (2.5 / 3) + 0.25 + 0.15, 4);
    expect(jp!.score).toBeCloseTo(0.6 * (2.5 / 3) + 0.25 * 0.5, 4);
    expect(us!.score).toBe(0);
    // A topic without UN issue codes compares every roll call.
    const climate = (await admin.get('/api/v1/insights/cooperation?topic=climate-environment&sessions=1')).json() as CooperationRanking;
    expect(climate.issues).toEqual([]);
    expect(climate.partners.find((p) => p.country === 'MY')?.reasons[0]).toMatchObject({ kind: 'un-agreement', votes: 3, agreement: 0.8333 });
  });

  it('gives the profile the listening about the country and our statements naming it', async () => {
    const my = (await admin.get('/api/v1/insights/countries/MY?topic=human-rights&days=30')).json() as CountryProfile;
    expect(my.listening.items).toBe(2);
    expect(my.listening.points).toHaveLength(30);
    expect(my.statements.map((s) => s.title)).toEqual(['Human rights dialogue with Malaysia']);
    expect(my.reasons.map((r) => r.kind)).toEqual(['un-agreement', 'co-mentions', 'statements']);
  });

  it('lets readers read, only managers import, and others neither', async () => {
    const editor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor' })).email, testPassword);
    const viewer = await signInAs(t.app, (await buildUser(t.ctx, { role: 'viewer' })).email, testPassword);
    expect((await editor.get('/api/v1/insights/cooperation?topic=human-rights')).statusCode).toBe(200);
    expect(((await editor.get('/api/v1/insights/un-votes')).json() as UnVotesStatus).canImport).toBe(false);
    expect((await upload(editor, 'issues', issues)).statusCode).toBe(403);
    expect((await editor.get('/api/v1/insights/un-votes/imports')).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/insights/cooperation?topic=human-rights')).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/insights/countries/MY')).statusCode).toBe(403);
  });
});

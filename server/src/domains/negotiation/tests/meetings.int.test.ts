import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootUnit } from '../../identity/index.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { auditLog, jobs, outbox } from '../../../platform/db/platform.tables.ts';
import { saveSmtpSettings } from '../../../platform/mail/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { type Client, clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { type MailInbox, startSmtpServer } from '../../../test/smtp-server.ts';
import { negotiationJobs } from '../index.ts';
import { meetingInvitations } from '../negotiation.tables.ts';

let t: TestApp;
let smtp: MailInbox;
let runner: JobRunner;
let rootId: string;
let negotiator: Client;
let viewer: Client;
let viewerId: string;

const guestEmail = 'delegasi@kemlu-mitra.example';
const meetingBody = (over: Record<string, unknown> = {}) => ({
  unitId: rootId,
  title: 'ASEAN digital cooperation, working group 3',
  agenda: [{ title: 'Adoption of the agenda' }, { title: 'Cross-border data flows', notes: 'Paper by the secretariat' }],
  hostCity: 'Jakarta',
  hostCountry: 'ID',
  startsAt: '2027-03-09T02:00:00Z',
  endsAt: '2027-03-09T04:00:00Z',
  timeZone: 'Asia/Jakarta',
  recurrence: 'FREQ=WEEKLY;BYDAY=TU',
  ...over,
});

/** Runs the invitation jobs until none is due (delayed retries made due at once). */
async function drain(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    while (await runner.runOnce()) {
      // keep going
    }
    const queued = await t.ctx.db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.name, 'negotiation.send-invitation@1'), eq(jobs.status, 'queued')));
    if (queued.length === 0) return;
    await t.ctx.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.name, 'negotiation.send-invitation@1'));
  }
  throw new Error('invitations did not settle');
}

const tokenOf = (text: string): string => {
  const link = /https?:\/\/\S+\/negotiation\/invitation#(\S+)/.exec(text);
  if (!link?.[1]) throw new Error(`no invitation link in: ${text}`);
  return link[1];
};

async function accept(token: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/negotiation/invitations/accept', payload: { token } });
}

async function newMeeting(c: Client, over: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await c.post('/api/v1/negotiation/meetings', meetingBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addGuest(meetingId: string, email: string, language = 'id-ID'): Promise<string> {
  const res = await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants`, { email, displayName: 'Ibu Sari Wulandari', role: 'delegate', language });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))!.id;
  const n = await buildUser(t.ctx, { role: 'negotiator' });
  negotiator = await signInAs(t.app, n.email, testPassword);
  const v = await buildUser(t.ctx, { role: 'viewer' });
  viewerId = v.id;
  viewer = await signInAs(t.app, v.email, testPassword);
  smtp = await startSmtpServer('meetings', 'relay secret 789');
  await saveSmtpSettings(t.ctx.db, t.ctx.secretBox.for('notification-secrets'), {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: 'meetings',
    password: 'relay secret 789',
    fromAddress: 'meetings@ministry.example',
    fromName: 'DiploDesk meetings',
    updatedBy: null,
  });
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(negotiationJobs(t.ctx)), workerId: 'meetings-test', pollMs: 20, leaseMs: 60_000 });
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('meetings', () => {
  it('holds a meeting with its agenda, series, delegations, participants and decisions, every change audited and announced', async () => {
    const created = await negotiator.post('/api/v1/negotiation/meetings', meetingBody());
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ status: 'draft', recurrence: 'FREQ=WEEKLY;BYDAY=TU', timeZone: 'Asia/Jakarta', hostCountry: 'ID', policies: { update: true, invite: true } });
    expect(m.seriesId).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.agenda.map((a: { title: string }) => a.title)).toEqual(['Adoption of the agenda', 'Cross-border data flows']);

    const indonesia = await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/delegations`, { kind: 'state', name: 'Republic of Indonesia', countryCode: 'ID' });
    expect(indonesia.statusCode, indonesia.body).toBe(201);
    const asean = await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/delegations`, { kind: 'organisation', name: 'ASEAN Secretariat', countryCode: null });
    expect(asean.statusCode).toBe(201);
    const chair = await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/participants`, { userId: viewerId, role: 'chair', delegationId: indonesia.json().id, language: 'en' });
    expect(chair.statusCode, chair.body).toBe(201);
    expect(chair.json()).toMatchObject({ userId: viewerId, external: false, role: 'chair' });
    // The agenda is rewritten as a whole, in its new order; the meeting is scheduled.
    const moved = await negotiator.patch(`/api/v1/negotiation/meetings/${m.id}`, { agenda: [{ title: 'Cross-border data flows' }, { title: 'Adoption of the agenda' }, { title: 'Any other business' }], status: 'scheduled' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().agenda.map((a: { title: string }) => a.title)).toEqual(['Cross-border data flows', 'Adoption of the agenda', 'Any other business']);
    const decided = await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/decisions`, { text: 'The working group adopts the agenda.', agendaIndex: 1 });
    expect(decided.statusCode, decided.body).toBe(201);

    // A viewer without meeting.read sees the meeting it chairs, and may not change it.
    const seen = await viewer.get(`/api/v1/negotiation/meetings/${m.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'scheduled', policies: { update: false } });
    expect(seen.json().delegations.map((d: { name: string }) => d.name)).toEqual(['Republic of Indonesia', 'ASEAN Secretariat']);
    expect(seen.json().decisions).toEqual([expect.objectContaining({ text: 'The working group adopts the agenda.', agendaIndex: 1 })]);
    expect((await viewer.post(`/api/v1/negotiation/meetings/${m.id}/decisions`, { text: 'Not mine to record.' })).statusCode).toBe(403);

    const audit = await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, m.id)).orderBy(asc(auditLog.seq));
    expect(audit.map((a) => a.action)).toEqual(['meeting.created', 'meeting-delegation.added', 'meeting-delegation.added', 'meeting-participant.added', 'meeting.updated', 'meeting-decision.recorded']);
    const events = await t.ctx.db.select({ data: outbox.data }).from(outbox).where(eq(outbox.type, 'negotiation.meeting-changed'));
    expect(events.filter((e) => (e.data as { meetingId: string }).meetingId === m.id).map((e) => (e.data as { change: string }).change)).toEqual([
      'created',
      'delegation-added',
      'delegation-added',
      'participant-added',
      'updated',
      'decision-recorded',
    ]);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const meetingEntries = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.action} like 'meeting%'`))[0]!.n;
    const before = await meetingEntries();
    const backwards = await negotiator.post('/api/v1/negotiation/meetings', meetingBody({ title: 'Backwards', endsAt: '2027-03-09T01:00:00Z' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('must end after it starts');
    expect((await negotiator.post('/api/v1/negotiation/meetings', meetingBody({ timeZone: 'Mars/Olympus' }))).statusCode).toBe(400);
    expect((await negotiator.post('/api/v1/negotiation/meetings', meetingBody({ recurrence: 'every tuesday' }))).statusCode).toBe(400);
    const m = await newMeeting(negotiator, { recurrence: null });
    const staff = await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/participants`, { email: 'admin@test.diplodesk', displayName: 'Admin', role: 'observer' });
    expect(staff.statusCode).toBe(409);
    expect(staff.json().error.code).toBe('meeting-participant.staff-address');
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/participants`, { role: 'observer' })).statusCode).toBe(400);
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/decisions`, { text: 'Under no item', agendaIndex: 7 })).statusCode).toBe(400);
    const cancelled = await negotiator.patch(`/api/v1/negotiation/meetings/${m.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode).toBe(200);
    const reopened = await negotiator.patch(`/api/v1/negotiation/meetings/${m.id}`, { status: 'scheduled' });
    expect(reopened.json().error.code).toBe('meeting.invalid-transition');
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${m.id}/delegations`, { kind: 'state', name: 'Late', countryCode: 'FR' })).json().error.code).toBe('meeting.closed');
    // Only the one good meeting and its cancellation were written.
    expect((await meetingEntries()) - before).toBe(2);
  });
});

describe('an external delegate invited by e-mail', () => {
  let meetingId: string;
  let otherMeetingId: string;
  let guest: Client;
  let token: string;

  beforeAll(async () => {
    meetingId = (await newMeeting(negotiator, { title: 'Bilateral consultations' })).id;
    otherMeetingId = (await newMeeting(negotiator, { title: 'Another, confidential meeting' })).id;
    const participantId = await addGuest(meetingId, guestEmail);
    const invited = await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}/invite`, { validForDays: 3 });
    expect(invited.statusCode, invited.body).toBe(202);
    await drain();
  });

  it('receives one e-mail in Indonesian with a link to the meeting, and no secret is kept in the clear', async () => {
    const mails = smtp.messages.filter((m) => (m.to as { text: string }).text.includes(guestEmail));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Undangan rapat: Bilateral consultations');
    expect(mail.text).toContain('Yth. Ibu Sari Wulandari');
    token = tokenOf(mail.text ?? '');
    expect(token).toMatch(/^ddm_[A-Za-z0-9_-]{40,}$/);
    const [inv] = await t.ctx.db.select().from(meetingInvitations).orderBy(asc(meetingInvitations.createdAt)).limit(1);
    expect(inv!.sentAt).not.toBeNull();
    expect(JSON.stringify(inv)).not.toContain(token);
    // Neither the staff API nor the audit log ever shows the token.
    const shown = await negotiator.get(`/api/v1/negotiation/meetings/${meetingId}`);
    expect(shown.body).not.toContain(token);
    expect(shown.json().participants[0]).toMatchObject({ email: guestEmail, invitation: 'pending', userId: null });
    const entries = await t.ctx.db.select({ summary: auditLog.summary }).from(auditLog);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('refuses a forged link and signs the guest in with the real one, once', async () => {
    const forged = await accept(`${token.slice(0, -4)}AAAA`);
    expect(forged.statusCode).toBe(404);
    expect(forged.json().error.code).toBe('meeting.invitation-invalid');
    expect(forged.cookies).toHaveLength(0);

    const res = await accept(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().meetingId).toBe(meetingId);
    const c = cookiesOf(res);
    guest = clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');

    const again = await accept(token);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('meeting.invitation-invalid');

    const accepted = await t.ctx.db.select({ action: auditLog.action, actorLabel: auditLog.actorLabel }).from(auditLog).where(eq(auditLog.action, 'meeting-participant.invitation-accepted'));
    expect(accepted).toEqual([{ action: 'meeting-participant.invitation-accepted', actorLabel: guestEmail }]);
    const signIns = await t.ctx.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.action, 'auth.signed-in'), eq(auditLog.actorLabel, guestEmail)));
    expect(signIns).toEqual([{ summary: { method: 'invitation' } }]);
  });

  it('lets the guest see that meeting and nothing else', async () => {
    const me = await guest.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).toEqual(['meeting.attend']);
    // It signs in only by links: no API token, second factor or passkey of its own.
    expect((await guest.get('/api/v1/me/sessions')).statusCode).toBe(200);
    expect((await guest.post('/api/v1/me/tokens', { name: 'keep me in', scopes: ['meeting.attend'], expiresInDays: 365 })).statusCode).toBe(403);
    expect((await guest.post('/api/v1/me/mfa/setup')).statusCode).toBe(403);
    expect((await guest.post('/api/v1/me/passkeys/options')).statusCode).toBe(403);
    const seen = await guest.get(`/api/v1/negotiation/meetings/${meetingId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(Object.values(seen.json().policies).every((allowed) => allowed === false)).toBe(true);
    // Participants' addresses are for the secretariat only.
    expect(seen.json().participants.every((p: { email: string | null }) => p.email === null)).toBe(true);
    const list = await guest.get('/api/v1/negotiation/meetings');
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    expect((await guest.get(`/api/v1/negotiation/meetings/${otherMeetingId}`)).statusCode).toBe(404);
    expect((await guest.patch(`/api/v1/negotiation/meetings/${meetingId}`, { title: 'Taken over' })).statusCode).toBe(403);

    // Every other area: each API route that needs a permission the guest lacks is refused.
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.app.routeAuthTable) {
      if (!route.url.startsWith('/api/v1') || route.method === 'HEAD' || route.rule.access !== 'permission' || route.rule.permission === 'meeting.attend') continue;
      const url = route.url.replace(/:[A-Za-z]+/g, meetingId).replace(/\*$/, 'x');
      const res = await guest.request({ method: route.method as 'GET', url, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
      checked++;
      if (res.statusCode !== 403 && res.statusCode !== 404) failures.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses an expired link', async () => {
    const participantId = await addGuest(meetingId, 'observer@partner-state.example', 'fr');
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}/invite`, {})).statusCode).toBe(202);
    await drain();
    const mail = smtp.messages.find((m) => (m.to as { text: string }).text.includes('observer@partner-state.example'));
    expect(mail?.subject).toBe('Meeting invitation: Bilateral consultations');
    const expiredToken = tokenOf(mail?.text ?? '');
    await t.ctx.db.update(meetingInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(meetingInvitations.participantId, participantId));
    const res = await accept(expiredToken);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('meeting.invitation-expired');
    const shown = await negotiator.get(`/api/v1/negotiation/meetings/${meetingId}`);
    expect(shown.json().participants.find((p: { id: string }) => p.id === participantId)).toMatchObject({ invitation: 'expired', userId: null });
  });

  it('replaces an earlier link when invited again', async () => {
    const participantId = await addGuest(meetingId, 'second@partner-state.example', 'en');
    const url = `/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}/invite`;
    expect((await negotiator.post(url, {})).statusCode).toBe(202);
    await drain();
    expect((await negotiator.post(url, {})).statusCode).toBe(202);
    await drain();
    const mails = smtp.messages.filter((m) => (m.to as { text: string }).text.includes('second@partner-state.example'));
    expect(mails).toHaveLength(2);
    expect((await accept(tokenOf(mails[0]!.text ?? ''))).statusCode).toBe(404);
    expect((await accept(tokenOf(mails[1]!.text ?? ''))).statusCode).toBe(200);
  });

  it('signs in once when the same link is sent twice at the same moment', async () => {
    const participantId = await addGuest(meetingId, 'twice@partner-state.example', 'en');
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}/invite`, {})).statusCode).toBe(202);
    await drain();
    const mail = smtp.messages.find((m) => (m.to as { text: string }).text.includes('twice@partner-state.example'));
    const link = tokenOf(mail?.text ?? '');
    const answers = await Promise.all([accept(link), accept(link), accept(link)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 404, 404]);
    const signIns = await t.ctx.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'auth.signed-in'), eq(auditLog.actorLabel, 'twice@partner-state.example')));
    expect(signIns).toHaveLength(1);
  });

  it('keeps one account for a delegate invited to two meetings, which then sees both', async () => {
    const participantId = await addGuest(otherMeetingId, guestEmail);
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${otherMeetingId}/participants/${participantId}/invite`, {})).statusCode).toBe(202);
    await drain();
    const mails = smtp.messages.filter((m) => (m.to as { text: string }).text.includes(guestEmail));
    expect(mails).toHaveLength(2);
    const res = await accept(tokenOf(mails[1]!.text ?? ''));
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await t.ctx.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.action, 'meeting-participant.invitation-accepted'), eq(auditLog.targetId, otherMeetingId)));
    expect(entry?.summary).toMatchObject({ accountCreated: false });
    expect(await queryRows(t.ctx.db, sql`select id from users where email = ${guestEmail}`)).toHaveLength(1);
    const list = await guest.get('/api/v1/negotiation/meetings');
    expect(list.json().items.map((m: { id: string }) => m.id).sort()).toEqual([meetingId, otherMeetingId].sort());
  });

  it('loses the meeting when removed from it, and its pending link stops working', async () => {
    const participantId = await addGuest(meetingId, 'removed@partner-state.example', 'en');
    expect((await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}/invite`, {})).statusCode).toBe(202);
    await drain();
    const mail = smtp.messages.find((m) => (m.to as { text: string }).text.includes('removed@partner-state.example'));
    expect((await guest.request({ method: 'DELETE', url: `/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}` })).statusCode).toBe(403);
    expect((await negotiator.delete(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}`)).statusCode).toBe(204);
    expect((await negotiator.delete(`/api/v1/negotiation/meetings/${meetingId}/participants/${participantId}`)).statusCode).toBe(404);
    expect((await accept(tokenOf(mail?.text ?? ''))).statusCode).toBe(404);
    const removed = await t.ctx.db.select({ summary: auditLog.summary }).from(auditLog).where(eq(auditLog.action, 'meeting-participant.removed'));
    expect(removed).toEqual([{ summary: expect.objectContaining({ participantId, email: 'removed@partner-state.example' }) }]);
  });

  it('deletes a draft meeting and its contents, but only a draft', async () => {
    const draft = await newMeeting(negotiator, { title: 'Dropped before announcing' });
    await addGuest(draft.id, 'draft@partner-state.example', 'en');
    expect((await negotiator.delete(`/api/v1/negotiation/meetings/${draft.id}`)).statusCode).toBe(204);
    expect((await negotiator.get(`/api/v1/negotiation/meetings/${draft.id}`)).statusCode).toBe(404);
    expect(await queryRows(t.ctx.db, sql`select id from meeting_participants where meeting_id = ${draft.id}`)).toHaveLength(0);
    expect(await queryRows(t.ctx.db, sql`select id from meeting_series s where not exists (select 1 from meetings m where m.series_id = s.id)`)).toHaveLength(0);
    const held = await newMeeting(negotiator, { title: 'Announced' });
    expect((await negotiator.patch(`/api/v1/negotiation/meetings/${held.id}`, { status: 'scheduled' })).statusCode).toBe(200);
    const refused = await negotiator.delete(`/api/v1/negotiation/meetings/${held.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('meeting.not-draft');
    const deleted = await t.ctx.db.select({ targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.action, 'meeting.deleted'));
    expect(deleted).toEqual([{ targetId: draft.id }]);
  });

  it('is not given to staff, and a meeting of another unit stays hidden from a unit-bound negotiator', async () => {
    const mission = await buildUnit(t.ctx);
    const missionNegotiator = await buildUser(t.ctx, { role: 'negotiator', unit: mission });
    const c = await signInAs(t.app, missionNegotiator.email, testPassword);
    expect((await c.get(`/api/v1/negotiation/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await c.post('/api/v1/negotiation/meetings', meetingBody())).statusCode).toBe(403);
    expect((await c.post('/api/v1/negotiation/meetings', meetingBody({ unitId: mission.id, recurrence: null }))).statusCode).toBe(201);
    const internal = await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants`, { userId: viewerId, role: 'observer' });
    expect(internal.statusCode).toBe(201);
    const notGuest = await negotiator.post(`/api/v1/negotiation/meetings/${meetingId}/participants/${internal.json().id}/invite`, {});
    expect(notGuest.json().error.code).toBe('meeting-participant.not-external');
  });
});

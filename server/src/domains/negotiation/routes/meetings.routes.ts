import {
  acceptInvitationRequest,
  acceptInvitationResponse,
  createDecisionRequest,
  createDelegationRequest,
  createMeetingRequest,
  createParticipantRequest,
  decisionDto,
  delegationDto,
  invitationSentResponse,
  inviteParticipantRequest,
  meetingDto,
  meetingListQuery,
  meetingListResponse,
  participantDto,
  updateMeetingRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { noContent } from '../../../platform/http/responses.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { CookieNames } from '../../identity/index.ts';
import { acceptInvitation, inviteParticipant } from '../commands/invitations.ts';
import { addDelegation, addParticipant, createMeeting, deleteMeeting, recordDecision, removeParticipant, updateMeeting } from '../commands/manage-meetings.ts';
import { type MeetingAccess, readableUnits, visibleMeeting } from '../negotiation.policy.ts';
import { presentMeeting, presentMeetingSummary } from '../negotiation.presenter.ts';
import { listMeetingsFor } from '../negotiation.repo.ts';
import { meetingSeries } from '../negotiation.tables.ts';

const tags = ['negotiation'];
const attend = { auth: { access: 'permission', permission: 'meeting.attend' } } as const;
const manage = { auth: { access: 'permission', permission: 'meeting.manage' } } as const;
const idParams = z.object({ id: uuid });
const participantParams = z.object({ id: uuid, participantId: uuid });
const notFound = ['meeting.not-found'] as const;

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

async function recurrenceOf(x: Executor, seriesId: string | null): Promise<string | null> {
  if (!seriesId) return null;
  const [s] = await x.select({ recurrence: meetingSeries.recurrence }).from(meetingSeries).where(eq(meetingSeries.id, seriesId));
  return s?.recurrence ?? null;
}

/** Meetings under /api/v1/negotiation: the record, agenda, delegations, participants, invitations of external delegates, decisions. */
export const meetingRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; cookies: CookieNames }> = async (app, { ctx, cookies }) => {
  const present = async (access: MeetingAccess) => presentMeeting(ctx.db, access, await recurrenceOf(ctx.db, access.meeting.seriesId));
  const reread = async (req: FastifyRequest, id: string) => present(await visibleMeeting(ctx.db, requirePrincipal(req), id));

  app.get(
    '/negotiation/meetings',
    { config: attend, schema: { tags, summary: 'Meetings of the units the caller reads, and those the caller takes part in (a guest sees only its own)', querystring: meetingListQuery, response: { 200: meetingListResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const units = await readableUnits(ctx.db, p);
      const unitIds = req.query.unitId ? (units.has(req.query.unitId) ? [req.query.unitId] : []) : [...units.keys()];
      const rows = (await listMeetingsFor(ctx.db, unitIds, p.userId)).filter((m) => !req.query.unitId || m.unitId === req.query.unitId);
      return { items: rows.map(presentMeetingSummary), policies: { create: can(p, 'meeting.manage') } };
    },
  );

  app.post(
    '/negotiation/meetings',
    {
      config: { ...manage, errors: ['unit.not-found'] },
      schema: { tags, summary: 'Create a meeting in a unit (with `recurrence`, the first of a series recurring in the meeting’s zone)', body: createMeetingRequest, response: { 201: meetingDto } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { meeting } = await createMeeting(ctx, p, req.body, actorOf(req));
      return reply.status(201).send(await present(await visibleMeeting(ctx.db, p, meeting.id)));
    },
  );

  app.get('/negotiation/meetings/:id', { config: { ...attend, errors: [...notFound] }, schema: { tags, summary: 'One meeting with its agenda, delegations, participants and decisions', params: idParams, response: { 200: meetingDto } } }, async (req) =>
    reread(req, req.params.id),
  );

  app.patch(
    '/negotiation/meetings/:id',
    {
      config: { ...manage, errors: [...notFound, 'meeting.invalid-transition', 'meeting.closed'] },
      schema: { tags, summary: 'Change a meeting: title, agenda (the whole list, in order), place, times, zone, or status (draft → scheduled → ended; cancelled)', params: idParams, body: updateMeetingRequest, response: { 200: meetingDto } },
    },
    async (req) => {
      await updateMeeting(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return reread(req, req.params.id);
    },
  );

  app.delete(
    '/negotiation/meetings/:id',
    { config: { ...manage, errors: [...notFound, 'meeting.not-draft'] }, schema: { tags, summary: 'Delete a draft meeting with its delegations, participants and decisions (a scheduled meeting is cancelled instead)', params: idParams, response: { 204: noContent('Deleted') } } },
    async (req, reply) => {
      await deleteMeeting(ctx, requirePrincipal(req), req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/negotiation/meetings/:id/delegations',
    { config: { ...manage, errors: [...notFound, 'meeting.closed'] }, schema: { tags, summary: 'Add a delegation (a state or an organisation, with its country)', params: idParams, body: createDelegationRequest, response: { 201: delegationDto } } },
    async (req, reply) => {
      const row = await addDelegation(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return reply.status(201).send({ id: row.id, kind: row.kind, name: row.name, countryCode: row.countryCode });
    },
  );

  app.post(
    '/negotiation/meetings/:id/participants',
    {
      config: { ...manage, errors: [...notFound, 'meeting.closed', 'meeting-delegation.not-found', 'meeting-participant.exists', 'meeting-participant.staff-address', 'user.not-found'] },
      schema: { tags, summary: 'Add a participant: an internal person (`userId`) or an external guest (`email`, `displayName`), with a role and a delegation', params: idParams, body: createParticipantRequest, response: { 201: participantDto } },
    },
    async (req, reply) => {
      const row = await addParticipant(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return reply.status(201).send({ id: row.id, userId: row.userId, email: row.email, displayName: row.displayName, delegationId: row.delegationId, role: row.role, language: row.language, external: row.external, invitation: 'none' as const });
    },
  );

  app.delete(
    '/negotiation/meetings/:id/participants/:participantId',
    {
      config: { ...manage, errors: [...notFound, 'meeting.closed', 'meeting-participant.not-found'] },
      schema: { tags, summary: 'Remove a participant (an open invitation link of theirs stops working)', params: participantParams, response: { 204: noContent('Removed') } },
    },
    async (req, reply) => {
      await removeParticipant(ctx, requirePrincipal(req), req.params.id, req.params.participantId, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/negotiation/meetings/:id/participants/:participantId/invite',
    {
      config: { ...manage, errors: [...notFound, 'meeting.closed', 'meeting-participant.not-found', 'meeting-participant.not-external', 'meeting.mail-not-configured'] },
      schema: {
        tags,
        summary: 'E-mail an external participant a signed, expiring, single-use link to this meeting (a new invitation replaces the previous link)',
        params: participantParams,
        body: inviteParticipantRequest,
        response: { 202: invitationSentResponse },
      },
    },
    async (req, reply) => {
      const sent = await inviteParticipant(ctx, requirePrincipal(req), req.params.id, req.params.participantId, req.body, actorOf(req));
      return reply.status(202).send({ participantId: sent.participantId, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  app.post(
    '/negotiation/meetings/:id/decisions',
    { config: { ...manage, errors: [...notFound] }, schema: { tags, summary: 'Record a decision (optionally under an agenda item, numbered from 0)', params: idParams, body: createDecisionRequest, response: { 201: decisionDto } } },
    async (req, reply) => {
      const row = await recordDecision(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return reply.status(201).send({ id: row.id, text: row.text, agendaIndex: row.agendaIndex, createdAt: row.createdAt.toISOString() });
    },
  );

  app.post(
    '/negotiation/invitations/accept',
    {
      config: { auth: { access: 'public' }, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' }, errors: ['meeting.invitation-invalid', 'meeting.invitation-expired'] },
      schema: { tags, summary: 'Accept an invitation with the token from its link: signs the guest in (session cookies) to that meeting only', body: acceptInvitationRequest, response: { 200: acceptInvitationResponse } },
    },
    async (req, reply) => acceptInvitation(ctx, cookies, req, reply, req.body.token),
  );
};

import { createUserRequest, endUserSessionsRequest, endUserSessionsResponse, grantMembershipRequest, okBody, setPasswordRequest, updateUserRequest, userDto, userListQuery, userListResponse, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { createUser } from '../commands/create-user.ts';
import { endUserSessions } from '../commands/end-user-sessions.ts';
import { grantMembership, revokeMembership } from '../commands/manage-memberships.ts';
import { resetUserMfa, setUserPassword, updateUser } from '../commands/update-user.ts';
import { loadUserInReach } from '../commands/user-access.ts';
import { canActOnUser } from '../identity.policy.ts';
import { presentUser } from '../identity.presenter.ts';
import { findRootUnit, findUnit, listUsers, membershipsOf } from '../identity.repo.ts';
import { usersWithPasskeys } from '../webauthn.ts';
import { actorOf } from './route-helpers.ts';

const idParams = z.object({ id: uuid });

export const userRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  async function present(p: Principal, id: string) {
    const { user, memberships, rootPath } = await loadUserInReach(ctx.db, p, id);
    return presentUser(p, user, memberships, rootPath, (await usersWithPasskeys(ctx.db, [id])).has(id));
  }

  app.get(
    '/users',
    { config: { auth: { access: 'permission', permission: 'user.read' } }, schema: { tags: ['users'], summary: 'Users in the units the caller may read', querystring: userListQuery, response: { 200: userListResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const rootPath = (await findRootUnit(ctx.db))?.path ?? '/';
      const filterUnit = req.query.unitId ? await findUnit(ctx.db, req.query.unitId) : undefined;
      const q = req.query.q?.toLowerCase();
      const all = await listUsers(ctx.db);
      const ms = await membershipsOf(ctx.db, all.map((u) => u.id));
      const withPasskeys = await usersWithPasskeys(ctx.db, all.map((u) => u.id));
      const items = all
        .map((u) => ({ u, m: ms.filter((m) => m.userId === u.id) }))
        .filter(({ u, m }) => u.id === p.userId || canActOnUser(p, 'user.read', m, rootPath))
        .filter(({ u }) => !q || u.email.includes(q) || u.displayName.toLowerCase().includes(q))
        .filter(({ m }) => !req.query.unitId || m.some((x) => x.unitPath.startsWith(filterUnit?.path ?? '\u0000')))
        .map(({ u, m }) => presentUser(p, u, m, rootPath, withPasskeys.has(u.id)));
      return { items, policies: { create: can(p, 'user.create') } };
    },
  );

  app.post(
    '/users',
    { config: { auth: { access: 'permission', permission: 'user.create' }, stepUp: true, errors: ['user.email-taken'] }, schema: { tags: ['users'], summary: 'Create a user with roles', body: createUserRequest, response: { 201: userDto } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const user = await createUser(ctx, p, req.body, actorOf(req));
      return reply.status(201).send(await present(p, user.id));
    },
  );

  app.get(
    '/users/:id',
    { config: { auth: { access: 'permission', permission: 'user.read' } }, schema: { tags: ['users'], summary: 'One user with roles', params: idParams, response: { 200: userDto } } },
    async (req) => present(requirePrincipal(req), req.params.id),
  );

  app.patch(
    '/users/:id',
    { config: { auth: { access: 'permission', permission: 'user.update' } }, schema: { tags: ['users'], summary: 'Edit, deactivate or reactivate a user', params: idParams, body: updateUserRequest, response: { 200: userDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      await updateUser(ctx, p, req.params.id, req.body, actorOf(req));
      return present(p, req.params.id);
    },
  );

  app.post(
    '/users/:id/password',
    // Taking over another account's credentials or sessions asks for a fresh factor (ASVS 7.5.2).
    { config: { auth: { access: 'permission', permission: 'user.update' }, stepUp: true, errors: ['auth.password-weak', 'auth.password-guessable', 'auth.password-breached'] }, schema: { tags: ['users'], summary: "Set a user's temporary password (ends their sessions; they choose their own at the next sign-in)", params: idParams, body: setPasswordRequest, response: { 200: okBody } } },
    async (req) => {
      await setUserPassword(ctx, requirePrincipal(req), req.params.id, req.body.password, actorOf(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/users/:id/mfa/reset',
    { config: { auth: { access: 'permission', permission: 'user.update' }, stepUp: true }, schema: { tags: ['users'], summary: "Remove a user's second factors, TOTP and passkeys (ends their sessions)", params: idParams, response: { 200: userDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      await resetUserMfa(ctx, p, req.params.id, actorOf(req));
      return present(p, req.params.id);
    },
  );

  app.post(
    '/users/:id/sessions/end',
    {
      config: { auth: { access: 'permission', permission: 'user.update' }, stepUp: true },
      schema: { tags: ['users'], summary: "End every session of a user, optionally revoking their API tokens", params: idParams, body: endUserSessionsRequest, response: { 200: endUserSessionsResponse } },
    },
    async (req) => endUserSessions(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)),
  );

  app.post(
    '/users/:id/memberships',
    { config: { auth: { access: 'permission', permission: 'membership.manage' }, stepUp: true }, schema: { tags: ['users'], summary: 'Grant a role at a unit', params: idParams, body: grantMembershipRequest, response: { 200: userDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      await grantMembership(ctx, p, req.params.id, req.body, actorOf(req));
      return present(p, req.params.id);
    },
  );

  app.delete(
    '/users/:id/memberships/:membershipId',
    { config: { auth: { access: 'permission', permission: 'membership.manage' } }, schema: { tags: ['users'], summary: 'Revoke a role', params: z.object({ id: uuid, membershipId: uuid }), response: { 200: userDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      await revokeMembership(ctx, p, req.params.id, req.params.membershipId, actorOf(req));
      return present(p, req.params.id);
    },
  );
};

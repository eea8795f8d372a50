// Who may do what in integrity: `integrity.read` at a unit shows its claims, links and findings;
// `integrity.manage` there changes them (claims, narratives, link decisions, the findings workflow).
// The workspace's thresholds need `integrity.manage` at the organisation (the root unit).
import type { FindingStatus } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import { can, isWithin, type Principal, reachPaths } from '../../platform/authz/principal.ts';
import { requirePrincipal } from '../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findRootUnit, findUnit, listUnits } from '../identity/index.ts';
import { canTakeAction, findingActions } from './findings/lifecycle.ts';

/** The units whose integrity the caller reads, id → path. */
export async function readablePaths(ctx: Pick<PlatformContext, 'db'>, req: FastifyRequest): Promise<{ p: Principal; paths: Map<string, string> }> {
  const p = requirePrincipal(req);
  const reach = reachPaths(p, 'integrity.read');
  const units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
  return { p, paths: new Map(units.map((u) => [u.id, u.path])) };
}

/**
 * The units whose claims the caller sees: those it reads, and the units above them, since a claim
 * registered at headquarters is matched against a mission's items too (and the mission must see
 * what it was matched against). Managing a claim still needs `integrity.manage` at its own unit.
 */
export async function claimScopePaths(ctx: Pick<PlatformContext, 'db'>, req: FastifyRequest): Promise<{ p: Principal; paths: Map<string, string> }> {
  const p = requirePrincipal(req);
  const reach = reachPaths(p, 'integrity.read');
  const units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r) || isWithin(r, u.path)));
  return { p, paths: new Map(units.map((u) => [u.id, u.path])) };
}

/** The unit's path when the caller may manage integrity there; 404 for a unit that does not exist. */
export async function manageablePath(x: Executor, p: Principal, unitId: string): Promise<string> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'integrity.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit.path;
}

/** The workspace's settings need `integrity.manage` at the root. */
export async function requireWorkspaceManager(x: Executor, p: Principal): Promise<string> {
  const root = await findRootUnit(x);
  if (!root) throw new AppError('unit.not-found');
  if (!can(p, 'integrity.manage', root.path)) throw new AppError('authz.forbidden');
  return root.id;
}

export const claimPolicies = (p: Principal, unitPath: string | undefined) => {
  const manage = unitPath !== undefined && can(p, 'integrity.manage', unitPath);
  return { update: manage, delete: manage };
};

export const findingPolicies = (p: Principal, unitPath: string | undefined, status: FindingStatus) => {
  const manage = unitPath !== undefined && can(p, 'integrity.manage', unitPath);
  return Object.fromEntries(findingActions.map((a) => [a, manage && canTakeAction(status, a)]));
};

export const linkPolicies = (p: Principal, unitPath: string | undefined, state: string) => {
  const manage = unitPath !== undefined && can(p, 'integrity.manage', unitPath);
  return { confirm: manage && (state === 'suggested' || state === 'rejected'), reject: manage && state !== 'rejected' };
};

/** A claim feed: seen with `integrity.read` at its unit; changed, paused, polled now and deleted with `integrity.manage` there. */
export const claimFeedPolicies = (p: Principal, unitPath: string | undefined) => {
  const manage = unitPath !== undefined && can(p, 'integrity.manage', unitPath);
  return { update: manage, delete: manage, poll: manage };
};

import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import { isWithin } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';

/** Who the audit log names for a request: the person, their token when one was used, the request. */
export function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export const readAccess = { auth: { access: 'permission', permission: 'integrity.read' } } as const;
export const manageAccess = { auth: { access: 'permission', permission: 'integrity.manage' } } as const;
export const tags = ['integrity'];

/** The readable units, narrowed to one unit's subtree when `unitId` is given. */
export function unitIdsWithin(paths: ReadonlyMap<string, string>, unitId?: string): string[] {
  if (!unitId) return [...paths.keys()];
  const chosen = paths.get(unitId);
  return chosen === undefined ? [] : [...paths].filter(([, path]) => isWithin(path, chosen)).map(([id]) => id);
}

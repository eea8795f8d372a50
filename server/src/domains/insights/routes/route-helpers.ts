import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';

/** Who the audit log names for a request: the person, their token when one was used, the request. */
export function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export const readAccess = { auth: { access: 'permission', permission: 'insight.read' } } as const;
export const manageAccess = { auth: { access: 'permission', permission: 'insight.manage' } } as const;

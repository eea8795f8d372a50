import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { ClientMeta } from '../commands/sign-in.ts';

export function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export function clientMeta(req: FastifyRequest): ClientMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id };
}

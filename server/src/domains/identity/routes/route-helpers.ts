import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { ClientMeta } from '../commands/sign-in.ts';
import { signOut } from '../commands/sign-out.ts';

export function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export function clientMeta(req: FastifyRequest): ClientMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id };
}

/**
 * A sign-in in a browser that still holds a live session ends that session: the browser keeps one
 * session, never an old one beside the new (a shared computer's previous user included).
 */
export async function endReplacedSession(ctx: PlatformContext, req: FastifyRequest): Promise<void> {
  if (req.principal?.via === 'session') await signOut(ctx, req.principal, null, req.id);
}

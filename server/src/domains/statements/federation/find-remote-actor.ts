// The admin's "follow an actor" names a host we have never seen: every request it causes goes
// through the outbound guard. Fedify's own WebFinger client checks a URL and lets fetch resolve it
// again, and knows no allow-list, so the WebFinger step is done here over the guard; the actor
// document itself loads through the federation's guarded document loader.
import type { Context } from '@fedify/fedify';
import { type Actor, isActor } from '@fedify/vocab';
import type { PlatformContext } from '../../../platform/context.ts';

const ACTIVITY_TYPES = /^application\/(activity\+json|ld\+json)/;

/** The `self` ActivityPub link of a WebFinger answer for `resource`, or null. */
async function webFingerSelf(outbound: PlatformContext['outbound'], origin: string, resource: string): Promise<string | null> {
  const url = new URL('/.well-known/webfinger', origin);
  url.searchParams.set('resource', resource);
  const res = await outbound.fetch(url, { headers: { accept: 'application/jrd+json, application/json' }, timeoutMs: 15_000, maxBytes: 256 * 1024 });
  if (!res.ok) return null;
  const jrd = (await res.json()) as { links?: { rel?: unknown; type?: unknown; href?: unknown }[] };
  const self = jrd.links?.find((l) => l.rel === 'self' && typeof l.type === 'string' && ACTIVITY_TYPES.test(l.type) && typeof l.href === 'string');
  return typeof self?.href === 'string' ? self.href : null;
}

/** The remote actor a handle or URL names, or null when none is found or its host may not be reached. */
export async function findRemoteActor<T>(fed: Context<T>, outbound: PlatformContext['outbound'], target: { kind: 'handle'; handle: { username: string; host: string } } | { kind: 'url'; url: URL }): Promise<Actor | null> {
  // lookupObject falls back to Fedify's own WebFinger client (global fetch) when a document does not
  // load: confined, that client too connects only where the guard allows.
  return outbound.confine(() => lookUp(fed, outbound, target));
}

async function lookUp<T>(fed: Context<T>, outbound: PlatformContext['outbound'], target: { kind: 'handle'; handle: { username: string; host: string } } | { kind: 'url'; url: URL }): Promise<Actor | null> {
  try {
    if (target.kind === 'url') {
      const direct = await fed.lookupObject(target.url.href).catch(() => null);
      if (isActor(direct)) return direct;
    }
    const origin = target.kind === 'url' ? target.url.origin : `https://${target.handle.host}`;
    const resource = target.kind === 'url' ? target.url.href : `acct:${target.handle.username}@${target.handle.host}`;
    const href = await webFingerSelf(outbound, origin, resource);
    if (!href) return null;
    const found = await fed.lookupObject(href);
    return isActor(found) ? found : null;
  } catch {
    // A refused address, a server that is down or garbage: all read as "no actor there".
    return null;
  }
}

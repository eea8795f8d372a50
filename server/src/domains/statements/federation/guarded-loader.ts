// Fedify's own loader checks a URL for private addresses and then lets fetch resolve it again, and
// it knows no allow-list. Every remote ActivityPub document (an actor to follow, a follower, a key)
// is loaded here instead, through the server's outbound guard: one resolution, the checked address
// connected to, every redirect hop re-checked, the operator's OUTBOUND_ALLOW_CIDRS the only exception.
import type { OutboundHttp } from '@diplodesk/connector-sdk';
import { type DocumentLoader, type DocumentLoaderFactory, getRemoteDocument, preloadedContexts } from '@fedify/vocab-runtime';

const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';
const MAX_HOPS = 5;
const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 15_000;

/** A Fedify document loader factory over the outbound guard. */
export function guardedDocumentLoaderFactory(outbound: OutboundHttp): DocumentLoaderFactory {
  const load: DocumentLoader = async (url, options) => {
    // The JSON-LD contexts every document names are built in: no request for them.
    if (Object.hasOwn(preloadedContexts, url)) return { contextUrl: null, document: preloadedContexts[url], documentUrl: url };
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await outbound.fetch(current, { headers: { accept: ACCEPT }, redirect: 'manual', timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, ...(options?.signal ? { signal: options.signal } : {}) });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) return getRemoteDocument(current, response, load);
      await response.body?.cancel();
      if (hop + 1 >= MAX_HOPS) throw new Error(`more than ${MAX_HOPS} redirects from ${url}`);
      current = new URL(location, current).href;
    }
  };
  return () => load;
}

// The newsroom's public answers change only when an entry is signed, withdrawn or discarded, or a
// key rotates — and public readers come in crowds (a statement in the news, a viral fake to check).
// Rendered pages, feeds, JWKS and verification results are kept per process for a few seconds;
// any change made by this process clears them at once, other instances catch up within the TTL.

type Slot<V> = { value: V; expires: number };

export class TtlCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(ttlMs: number, max: number) {
    this.ttlMs = ttlMs;
    this.max = max;
  }

  get(key: string, now = Date.now()): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.expires <= now) {
      this.slots.delete(key);
      return undefined;
    }
    return slot.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.slots.size >= this.max) {
      // Oldest first: Map iteration follows insertion order.
      const oldest = this.slots.keys().next().value;
      if (oldest !== undefined) this.slots.delete(oldest);
    }
    this.slots.set(key, { value, expires: now + this.ttlMs });
  }

  clear(): void {
    this.slots.clear();
  }
}

const caches = new Set<TtlCache<unknown>>();

/** A cache that `invalidatePublicCaches` empties. */
export function publicCache<V>(ttlMs: number, max: number): TtlCache<V> {
  const cache = new TtlCache<V>(ttlMs, max);
  caches.add(cache as TtlCache<unknown>);
  return cache;
}

/** Called by every write that changes what the public sees. */
export function invalidatePublicCaches(): void {
  for (const cache of caches) cache.clear();
}

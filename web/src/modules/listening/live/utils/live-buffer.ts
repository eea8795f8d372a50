import type { ItemDto } from '@diplodesk/contracts';

/** The live list shows the newest this many. */
export const maxShown = 200;
/** While paused, up to this many arrivals are kept to show on resume; beyond it they are only counted. */
export const maxHeld = 500;

export type LiveBuffer = {
  /** Newest first. */
  shown: ItemDto[];
  paused: boolean;
  /** Arrived while paused, newest first (at most `maxHeld`). */
  held: ItemDto[];
  /** Everything that arrived while paused, including what did not fit in `held`. */
  heldCount: number;
  /** Arrivals the last resume could not show (over `maxHeld`): the search has them. */
  overflow: number;
  /** Latest `collectedAt` received: where a reconnect's catch-up starts. */
  newestCollectedAt: string | null;
  /** Everything received since the stream (re)started, for the announcement. */
  received: number;
  /** Ids kept in `shown` or `held`, so an item delivered twice (catch-up overlap) shows once. */
  ids: ReadonlySet<string>;
};

export const emptyBuffer: LiveBuffer = { shown: [], paused: false, held: [], heldCount: 0, overflow: 0, newestCollectedAt: null, received: 0, ids: new Set() };

const later = (a: string | null, b: string) => (a === null || Date.parse(b) > Date.parse(a) ? b : a);

/** Arrivals (newest first) join the top of the list, or the held pile while paused. */
export function receive(buffer: LiveBuffer, incoming: ItemDto[]): LiveBuffer {
  const fresh = incoming.filter((item, i) => !buffer.ids.has(item.id) && incoming.findIndex((x) => x.id === item.id) === i);
  if (fresh.length === 0) return buffer;
  const newestCollectedAt = fresh.reduce((acc, item) => later(acc, item.collectedAt), buffer.newestCollectedAt);
  const received = buffer.received + fresh.length;
  if (buffer.paused) {
    const held = [...fresh, ...buffer.held].slice(0, maxHeld);
    return { ...buffer, held, heldCount: buffer.heldCount + fresh.length, newestCollectedAt, received, ids: idsOf(buffer.shown, held) };
  }
  const shown = [...fresh, ...buffer.shown].slice(0, maxShown);
  return { ...buffer, shown, newestCollectedAt, received, ids: idsOf(shown, buffer.held) };
}

export function pause(buffer: LiveBuffer): LiveBuffer {
  return buffer.paused ? buffer : { ...buffer, paused: true, held: [], heldCount: 0, overflow: 0 };
}

/** Shows what was held, newest first, on top of the list. */
export function resume(buffer: LiveBuffer): LiveBuffer {
  if (!buffer.paused) return buffer;
  const shown = [...buffer.held, ...buffer.shown].slice(0, maxShown);
  return { ...buffer, paused: false, shown, held: [], heldCount: 0, overflow: buffer.heldCount - buffer.held.length, ids: idsOf(shown, []) };
}

/** A new subscription starts a new list (the pause stays as it was). */
export function restart(buffer: LiveBuffer): LiveBuffer {
  return { ...emptyBuffer, paused: buffer.paused };
}

function idsOf(shown: ItemDto[], held: ItemDto[]): Set<string> {
  return new Set([...shown, ...held].map((i) => i.id));
}

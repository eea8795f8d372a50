import type { LiveStreamServerMessage } from '@diplodesk/contracts';
import type { WebSocket } from 'ws';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import type { DomainEvent } from '../../../platform/events/outbox.ts';
import { itemsCollected } from '../commands/ingest-batch.ts';
import { itemsAmong } from '../listening-search.repo.ts';
import type { ItemQuery } from '../listening.repo.ts';
import { presentItem } from '../listening.presenter.ts';

/** A client whose socket holds more than this unsent is too slow to follow the stream: it is dropped (and reconnects, catching up). */
export const maxBufferedBytes = 1_000_000;

export type LiveClient = { socket: WebSocket; principal: Principal; group: LiveGroup | null };

/** Clients asking the same thing of the same units: one database query per event serves them all. */
type LiveGroup = { key: string; query: ItemQuery; unitIds: Set<string>; clients: Set<LiveClient> };

export type LiveStreamHub = {
  /** A new connection (closed with the server). */
  add(client: LiveClient): void;
  /** Moves a client to the group of this subscription (leaving its previous one). */
  join(client: LiveClient, key: string, query: ItemQuery): void;
  /** A closed connection. */
  remove(client: LiveClient): void;
  send(client: LiveClient, message: LiveStreamServerMessage): void;
  stats(): { clients: number; groups: number };
  close(): void;
};

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOf(event: DomainEvent): string[] {
  const ids = event.data.ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && uuidShape.test(id)) : [];
}

/**
 * The listening live stream of this instance. On every `listening.items-collected` event (each
 * instance gets each one: bus fan-out) it asks, once per distinct subscription, which of the
 * event's items match, and pushes those to the subscription's clients.
 */
export function createLiveStreamHub(ctx: Pick<PlatformContext, 'db' | 'logger'>, bus: EventBus): LiveStreamHub {
  const groups = new Map<string, LiveGroup>();
  const clients = new Set<LiveClient>();

  function sendRaw(client: LiveClient, payload: string): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.close(1013, 'too slow');
      return;
    }
    socket.send(payload);
  }

  async function deliver(group: LiveGroup, ids: string[]): Promise<void> {
    const rows = await itemsAmong(ctx.db, group.query, ids);
    if (rows.length === 0) return;
    const message: LiveStreamServerMessage = { type: 'items', items: rows.map(presentItem), sentAt: new Date().toISOString(), catchUp: false, truncated: false };
    const payload = JSON.stringify(message);
    for (const client of group.clients) sendRaw(client, payload);
  }

  const unsubscribe = bus.subscribeFanout(async (event) => {
    if (event.type !== itemsCollected || groups.size === 0) return;
    const ids = idsOf(event);
    if (ids.length === 0) return;
    for (const group of [...groups.values()]) {
      // Items belong to their source's unit: a group that cannot read it needs no query.
      if (event.unitId && !group.unitIds.has(event.unitId)) continue;
      if (group.clients.size === 0) continue;
      await deliver(group, ids).catch((err: unknown) => ctx.logger.warn({ err, eventId: event.id }, 'listening live: matching failed'));
    }
  });

  function leave(client: LiveClient): void {
    const group = client.group;
    client.group = null;
    if (!group) return;
    group.clients.delete(client);
    if (group.clients.size === 0) groups.delete(group.key);
  }

  return {
    add: (client) => void clients.add(client),
    join(client, key, query) {
      leave(client);
      let group = groups.get(key);
      if (!group) {
        group = { key, query, unitIds: new Set(query.unitIds), clients: new Set() };
        groups.set(key, group);
      }
      group.clients.add(client);
      client.group = group;
    },
    remove(client) {
      leave(client);
      clients.delete(client);
    },
    send: (client, message) => sendRaw(client, JSON.stringify(message)),
    stats: () => ({ clients: clients.size, groups: groups.size }),
    close() {
      unsubscribe();
      for (const client of [...clients]) {
        leave(client);
        client.socket.close(1001, 'server shutting down');
      }
    },
  };
}

import { liveServerMessage } from '@diplodesk/contracts';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { type LiveStatus, LiveStatusContext } from '../hooks/live-status-context.ts';
import { allLiveQueryKeys, queryKeysForEvent } from '../utils/live-invalidation.ts';

/** Window event carrying each live event (`detail`: { type, data, … }). */
export const liveEventName = 'diplodesk:live-event';

const pingEveryMs = 25_000;
const maxBackoffMs = 30_000;
// Events arrive in bursts (one change writes an entity event and an audit entry): refetch once per burst.
const flushDelayMs = 250;

function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/live`;
}

/** Keeps one WebSocket to `/api/live` while signed in and refreshes the queries events touch. */
export function LiveUpdatesProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('off');

  useEffect(() => {
    if (!enabled || typeof WebSocket === 'undefined') {
      setStatus('off');
      return;
    }
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempts = 0;
    let hasConnected = false;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Map<string, QueryKey>();

    const invalidate = (keys: QueryKey[]) => {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      if (flushTimer) return;
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        const keysNow = [...pending.values()];
        pending.clear();
        for (const queryKey of keysNow) void queryClient.invalidateQueries({ queryKey });
      }, flushDelayMs);
    };

    const connect = () => {
      setStatus(hasConnected ? 'reconnecting' : 'connecting');
      socket = new WebSocket(liveUrl());
      socket.onopen = () => {
        if (hasConnected) invalidate(allLiveQueryKeys);
        hasConnected = true;
        attempts = 0;
        setStatus('open');
        pingTimer = setInterval(() => socket?.send(JSON.stringify({ type: 'ping' })), pingEveryMs);
      };
      socket.onmessage = (message) => {
        if (typeof message.data !== 'string') return;
        let raw: unknown;
        try {
          raw = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = liveServerMessage.safeParse(raw);
        if (parsed.success && parsed.data.type === 'event') {
          invalidate(queryKeysForEvent(parsed.data.event.type));
          // Features that react to an event itself (a notice to its owner) listen for this.
          window.dispatchEvent(new CustomEvent(liveEventName, { detail: parsed.data.event }));
        }
      };
      socket.onclose = () => {
        clearInterval(pingTimer);
        socket = null;
        if (stopped) return;
        setStatus('reconnecting');
        const backoff = Math.min(maxBackoffMs, 1000 * 2 ** attempts) * (0.75 + Math.random() * 0.5);
        attempts += 1;
        reconnectTimer = setTimeout(connect, backoff);
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(reconnectTimer);
      clearInterval(pingTimer);
      clearTimeout(flushTimer);
      socket?.close();
    };
  }, [enabled, queryClient]);

  return <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>;
}

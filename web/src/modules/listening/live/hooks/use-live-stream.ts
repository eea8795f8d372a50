import { type LiveStreamClientMessage, liveStreamServerMessage, type SavedSearchParams } from '@diplodesk/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError } from '../../../../lib/api-client.ts';
import { liveStreamUrl } from '../api/live.api.ts';
import { emptyBuffer, type LiveBuffer, pause, receive, restart, resume } from '../utils/live-buffer.ts';

/** What to stream: a saved search, or filters (none: everything the user may read). */
export type LiveSubscription = { savedSearchId: string } | { query: SavedSearchParams };

export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

const pingEveryMs = 25_000;
const maxBackoffMs = 30_000;
// Catch-up starts a little before the newest item received: an item whose transaction began
// earlier but committed later has an older collection time. Items already shown are not repeated.
const catchUpOverlapMs = 30_000;

type Action = { type: 'receive'; items: Parameters<typeof receive>[1] } | { type: 'pause' } | { type: 'resume' } | { type: 'restart' };

function reduce(buffer: LiveBuffer, action: Action): LiveBuffer {
  switch (action.type) {
    case 'receive':
      return receive(buffer, action.items);
    case 'pause':
      return pause(buffer);
    case 'resume':
      return resume(buffer);
    case 'restart':
      return restart(buffer);
  }
}

/**
 * A WebSocket to `/api/v1/listening/live` for one subscription: new matching items, pausable
 * (the server keeps sending; arrivals are held), reconnecting with backoff and catching up on
 * what was collected while disconnected, so nothing is silently lost.
 */
export function useLiveStream(subscription: LiveSubscription | null) {
  const [buffer, dispatch] = useReducer(reduce, emptyBuffer);
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const [error, setError] = useState<ApiError | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [subscribedName, setSubscribedName] = useState<string | null>(null);
  // Read by the socket's handlers without reconnecting when they change.
  const newestRef = useRef<string | null>(null);
  const subscribedAtRef = useRef<string | null>(null);
  newestRef.current = buffer.newestCollectedAt;
  const key = subscription ? JSON.stringify(subscription) : null;

  useEffect(() => {
    if (!key || typeof WebSocket === 'undefined') return;
    const sub = JSON.parse(key) as LiveSubscription;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempts = 0;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    dispatch({ type: 'restart' });
    setError(null);
    setTruncated(false);
    subscribedAtRef.current = null;

    const since = () => {
      if (newestRef.current) return new Date(Date.parse(newestRef.current) - catchUpOverlapMs).toISOString();
      return subscribedAtRef.current ?? undefined;
    };

    const send = (message: LiveStreamClientMessage) => socket?.send(JSON.stringify(message));

    const onMessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let raw: unknown;
      try {
        raw = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = liveStreamServerMessage.safeParse(raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'subscribed') {
        subscribedAtRef.current ??= msg.at;
        setSubscribedName(msg.name);
        setConnection('live');
      } else if (msg.type === 'items') {
        dispatch({ type: 'receive', items: msg.items });
        if (msg.truncated) setTruncated(true);
      } else if (msg.type === 'error') {
        setError(new ApiError(0, msg.code, msg.message));
      }
    };

    const connect = () => {
      setConnection(attempts === 0 && !subscribedAtRef.current ? 'connecting' : 'reconnecting');
      socket = new WebSocket(liveStreamUrl());
      socket.onmessage = onMessage;
      socket.onopen = () => {
        attempts = 0;
        // The first connection starts from now; a reconnection asks for what it missed.
        const from = subscribedAtRef.current ? since() : undefined;
        send({ type: 'subscribe', ...sub, ...(from ? { since: from } : {}) } as LiveStreamClientMessage);
        pingTimer = setInterval(() => send({ type: 'ping' }), pingEveryMs);
      };
      socket.onclose = () => {
        clearInterval(pingTimer);
        socket = null;
        if (stopped) return;
        setConnection('reconnecting');
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
      socket?.close();
    };
  }, [key]);

  const setPaused = useCallback((paused: boolean) => dispatch({ type: paused ? 'pause' : 'resume' }), []);
  return { buffer, connection, error, truncated, subscribedName, setPaused };
}

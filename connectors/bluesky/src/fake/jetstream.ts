// A local Jetstream: `GET /subscribe` upgraded to a WebSocket by hand (the fake only sends text
// frames, so a frame writer and a close-frame check suffice), filtering by `wantedCollections`
// and `wantedDids`, replaying from `cursor` (time_us, inclusive) before going live, and able to
// cut every connection to create gaps.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

interface StoredEvent {
  timeUs: number;
  did: string;
  collection: string | null;
  json: string;
}

interface Subscriber {
  socket: Socket;
  collections: string[];
  dids: string[];
}

export interface FakeJetstreamPost {
  did: string;
  text: string;
  langs?: string[];
  createdAt?: string;
  rkey?: string;
  /** Extra record fields (facets, reply). */
  record?: Record<string, unknown>;
}

export interface FakeJetstream {
  /** ws://127.0.0.1:PORT/subscribe */
  readonly url: string;
  /** Emits a create commit of an `app.bsky.feed.post` record; returns its at-URI and time_us. */
  emitPost(post: FakeJetstreamPost): { uri: string; rkey: string; timeUs: number };
  /** Emits a commit for any collection (likes, deletes). */
  emitCommit(did: string, commit: Record<string, unknown>): { timeUs: number };
  /** Sends a raw text frame (malformed JSON, unknown kinds) to every open connection, stored for replay. */
  emitRaw(text: string): void;
  /** Destroys every connection without a close frame. */
  dropConnections(): void;
  /** Query strings of the subscriptions made so far. */
  readonly subscriptions: URLSearchParams[];
  connections(): number;
  close(): Promise<void>;
}

function textFrame(text: string, opcode = 0x1): Buffer {
  const payload = Buffer.from(text, 'utf8');
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([0x80 | opcode, payload.length]);
  else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, payload]);
}

let rkeyCounter = 0;
const S32 = '234567abcdefghijklmnopqrstuvwxyz';
/** A TID-shaped record key from a microsecond time (13 base32-sortable characters). */
function rkeyAt(timeUs: number): string {
  let n = (BigInt(timeUs) << 10n) | BigInt(rkeyCounter++ & 0x3ff);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out;
}

export async function startFakeJetstream(): Promise<FakeJetstream> {
  const events: StoredEvent[] = [];
  const subscribers = new Set<Subscriber>();
  const sockets = new Set<Socket>();
  const subscriptions: URLSearchParams[] = [];
  let lastTime = 0;
  const nextTime = () => {
    lastTime = Math.max(Date.now() * 1000, lastTime + 1);
    return lastTime;
  };

  const wants = (sub: { collections: string[]; dids: string[] }, e: StoredEvent) =>
    (sub.collections.length === 0 || e.collection === null || sub.collections.includes(e.collection)) && (sub.dids.length === 0 || e.did === '' || sub.dids.includes(e.did));

  function publish(event: StoredEvent): void {
    events.push(event);
    for (const sub of subscribers) if (wants(sub, event)) sub.socket.write(textFrame(event.json));
  }

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('Upgrade Required');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket: Socket) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['sec-websocket-key'];
    if (url.pathname !== '/subscribe' || typeof key !== 'string') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    subscriptions.push(url.searchParams);
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const sub: Subscriber = { socket, collections: url.searchParams.getAll('wantedCollections'), dids: url.searchParams.getAll('wantedDids') };
    const cursor = Number(url.searchParams.get('cursor'));
    if (url.searchParams.has('cursor') && Number.isFinite(cursor)) {
      for (const e of events) if (e.timeUs >= cursor && wants(sub, e)) socket.write(textFrame(e.json));
    }
    subscribers.add(sub);
    socket.on('data', (chunk: Buffer) => {
      // A client close frame (opcode 8) is answered with one, then the socket ends.
      if (((chunk[0] ?? 0) & 0x0f) === 0x8) {
        subscribers.delete(sub);
        socket.end(Buffer.from([0x88, 0x00]));
      }
    });
    socket.on('close', () => subscribers.delete(sub));
    socket.on('error', () => subscribers.delete(sub));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    subscriptions,
    emitPost(post) {
      const timeUs = nextTime();
      const rkey = post.rkey ?? rkeyAt(timeUs);
      const record = { $type: 'app.bsky.feed.post', text: post.text, createdAt: post.createdAt ?? new Date(Math.floor(timeUs / 1000)).toISOString(), ...(post.langs ? { langs: post.langs } : {}), ...post.record };
      const commit = { rev: rkey, operation: 'create', collection: 'app.bsky.feed.post', rkey, record, cid: `bafyrei${createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 52)}` };
      publish({ timeUs, did: post.did, collection: commit.collection, json: JSON.stringify({ did: post.did, time_us: timeUs, kind: 'commit', commit }) });
      return { uri: `at://${post.did}/app.bsky.feed.post/${rkey}`, rkey, timeUs };
    },
    emitCommit(did, commit) {
      const timeUs = nextTime();
      publish({ timeUs, did, collection: typeof commit.collection === 'string' ? commit.collection : null, json: JSON.stringify({ did, time_us: timeUs, kind: 'commit', commit }) });
      return { timeUs };
    },
    emitRaw(text) {
      publish({ timeUs: lastTime, did: '', collection: null, json: text });
    },
    dropConnections() {
      for (const sub of subscribers) sub.socket.destroy();
      subscribers.clear();
    },
    connections: () => subscribers.size,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// The guard against real sockets: servers on two loopback addresses stand for "a public host"
// (127.0.0.2, on the allow-list of these tests) and "the internal network" (127.0.0.1, refused).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Duplex, Writable } from 'node:stream';
import { createMastodonChannel } from '@diplodesk/connector-mastodon';
import { ConnectorError, UNREACHABLE_MESSAGE } from '@diplodesk/connector-sdk';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../test/tls-certificate.ts';
import { parseAllowList } from './address-ranges.ts';
import { parseHostList } from './host-list.ts';
import { createOutbound, hostNotAllowedMessage, isRefusedAddress, type ResolveAll } from './outbound.ts';
import { logOutboundTo, type OutboundLogEntry } from './outbound-failures.ts';

type Seen = { path: string; authorization: string | undefined };
type Server = { url: string; seen: Seen[]; handle: (req: http.IncomingMessage, res: http.ServerResponse) => void; close(): Promise<void> };

async function listen(host: string): Promise<Server> {
  const server: Server = {
    url: '',
    seen: [],
    handle: (_req, res) => res.end('hello'),
    close: () => new Promise<void>((resolve) => http_.close(() => resolve())),
  };
  const http_ = http.createServer((req, res) => {
    server.seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    server.handle(req, res);
  });
  await new Promise<void>((resolve) => http_.listen(0, host, resolve));
  server.url = `http://${host}:${(http_.address() as AddressInfo).port}`;
  return server;
}

let outside: Server;
let inside: Server;
let resolved: string[] = [];
// "public.test" is the outside server; "rebind.test" answers outside first, then inside.
let rebindAnswers: string[] = [];
const resolver: ResolveAll = async (hostname) => {
  resolved.push(hostname);
  if (hostname === 'public.test') return [{ address: '127.0.0.2', family: 4 }];
  if (hostname === 'inside.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'mixed.test') return [{ address: '127.0.0.2', family: 4 }, { address: '127.0.0.1', family: 4 }];
  if (hostname === 'rebind.test') return [{ address: rebindAnswers.shift() ?? '127.0.0.1', family: 4 }];
  // For the host allow-list: names that all point at the "public" server, one at the inside one.
  if (hostname === 'inside.wild.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'other.test' || hostname.endsWith('wild.test')) return [{ address: '127.0.0.2', family: 4 }];
  return [];
};
const guard = createOutbound({ allow: parseAllowList('127.0.0.2/32'), resolve: resolver, timeoutMs: 2_000 });
const port = (s: Server) => new URL(s.url).port;

beforeAll(async () => {
  outside = await listen('127.0.0.2');
  inside = await listen('127.0.0.1');
});
afterAll(async () => {
  await guard.close();
  await outside.close();
  await inside.close();
});
beforeEach(() => {
  outside.seen.length = 0;
  inside.seen.length = 0;
  outside.handle = (_req, res) => res.end('hello');
  resolved = [];
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return (error as ConnectorError).message;
}

describe('outbound guard', () => {
  it('reaches an allowed address', async () => {
    const res = await guard.fetch(`http://public.test:${port(outside)}/page`);
    expect(await res.text()).toBe('hello');
    expect(outside.seen.map((s) => s.path)).toEqual(['/page']);
  });

  it('refuses every literal form of loopback with the same message, before connecting', async () => {
    const p = port(inside);
    for (const url of [`http://127.0.0.1:${p}/`, `http://2130706433:${p}/`, `http://0177.0.0.1:${p}/`, `http://0x7f.1:${p}/`, `http://0.0.0.0:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`, `http://[::1]:${p}/`, `http://[::127.0.0.1]:${p}/`, `http://inside.test:${p}/`]) {
      expect(await refusal(guard.fetch(url))).toBe(UNREACHABLE_MESSAGE);
    }
    expect(inside.seen).toEqual([]);
  });

  it('refuses a name when any of its addresses is refused', async () => {
    expect(await refusal(guard.fetch(`http://mixed.test:${port(outside)}/`))).toBe(UNREACHABLE_MESSAGE);
    expect(outside.seen).toEqual([]);
  });

  it('reads the same for a closed port, an unknown name, another scheme and a timeout', async () => {
    outside.handle = () => {}; // never answers
    expect(await refusal(guard.fetch('http://127.0.0.2:1/'))).toBe(UNREACHABLE_MESSAGE);
    expect(await refusal(guard.fetch('http://nowhere.test/'))).toBe(UNREACHABLE_MESSAGE);
    expect(await refusal(guard.fetch('file:///etc/passwd'))).toBe(UNREACHABLE_MESSAGE);
    expect(await refusal(guard.fetch(`http://public.test:${port(outside)}/slow`, { timeoutMs: 200 }))).toBe(UNREACHABLE_MESSAGE);
  });

  it('re-checks every redirect hop: a 302 from an allowed host to loopback is refused', async () => {
    outside.handle = (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${port(inside)}/secret` });
      res.end();
    };
    expect(await refusal(guard.fetch(`http://public.test:${port(outside)}/go`))).toBe(UNREACHABLE_MESSAGE);
    expect(outside.seen.map((s) => s.path)).toEqual(['/go']);
    expect(inside.seen).toEqual([]);
  });

  it('stops after five redirects', async () => {
    outside.handle = (req, res) => {
      res.writeHead(302, { location: `${req.url}x` });
      res.end();
    };
    expect(await refusal(guard.fetch(`http://public.test:${port(outside)}/r`))).toBe(UNREACHABLE_MESSAGE);
    expect(outside.seen).toHaveLength(6);
  });

  it('connects to the address it checked: a rebinding resolver gets asked once', async () => {
    rebindAnswers = ['127.0.0.2', '127.0.0.1'];
    // A fresh guard, so no pooled connection hides a second resolution.
    const fresh = createOutbound({ allow: parseAllowList('127.0.0.2/32'), resolve: resolver });
    try {
      const res = await fresh.fetch(`http://rebind.test:${port(outside)}/first`);
      expect(await res.text()).toBe('hello');
    } finally {
      await fresh.close();
    }
    expect(resolved.filter((h) => h === 'rebind.test')).toHaveLength(1);
    expect(outside.seen.map((s) => s.path)).toEqual(['/first']);
    expect(inside.seen).toEqual([]);
  });

  it('cuts a body past the size limit', async () => {
    outside.handle = (_req, res) => res.end('x'.repeat(10_000));
    const res = await guard.fetch(`http://public.test:${port(outside)}/big`, { maxBytes: 1_000 });
    await expect(res.text()).rejects.toThrow();
  });

  it('follows no redirect for a request with a token, and plain http with a token needs the allow-list', async () => {
    outside.handle = (_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.2:${port(outside)}/elsewhere` });
      res.end();
    };
    expect(await refusal(guard.fetch(`http://public.test:${port(outside)}/api`, { headers: { authorization: 'Bearer t0ken' } }))).toBe(UNREACHABLE_MESSAGE);
    expect(outside.seen.map((s) => s.path)).toEqual(['/api']);
    // Whatever form the headers come in, and whatever the letter case of the name.
    const forms: HeadersInit[] = [new Headers({ Authorization: 'Bearer t0ken' }), [['Cookie', 'sid=1']], { 'Proxy-Authorization': 'Basic eA==' }];
    for (const headers of forms) {
      outside.seen.length = 0;
      expect(await refusal(guard.fetch(`http://public.test:${port(outside)}/api`, { headers }))).toBe(UNREACHABLE_MESSAGE);
      expect(outside.seen.map((s) => s.path)).toEqual(['/api']);
    }
    const open = createOutbound({ allow: parseAllowList(''), resolve: async () => [{ address: '93.184.216.34', family: 4 }], timeoutMs: 500 });
    try {
      expect(await refusal(open.fetch('http://instance.test/api/v1/x', { secure: true }))).toBe(UNREACHABLE_MESSAGE);
    } finally {
      await open.close();
    }
  });

  it('pins a host for another protocol (an SMTP relay): public or allow-listed, and without TLS only allow-listed', async () => {
    const smtp = createOutbound({
      allow: parseAllowList('10.1.2.0/24'),
      resolve: async (name) => [{ address: name === 'relay.internal' ? '10.1.2.3' : name === 'evil.test' ? '127.0.0.1' : '93.184.216.34', family: 4 }],
    });
    try {
      expect(await smtp.pinHost('mail.example', { plain: false })).toBe('93.184.216.34');
      expect(await smtp.pinHost('relay.internal', { plain: true })).toBe('10.1.2.3');
      expect(await refusal(smtp.pinHost('evil.test', { plain: false }))).toBe(UNREACHABLE_MESSAGE);
      // Plain SMTP would carry a password and the alerts readable across the Internet.
      expect(await refusal(smtp.pinHost('mail.example', { plain: true }))).toBe(UNREACHABLE_MESSAGE);
    } finally {
      await smtp.close();
    }
  });
});

describe('a Mastodon connection through the guard', () => {
  it('does not carry the access token to where the instance redirects', async () => {
    const other = await listen('127.0.0.3');
    const allowLoopback = createOutbound({ allow: parseAllowList('127.0.0.0/8'), timeoutMs: 2_000 });
    try {
      outside.handle = (req, res) => {
        res.writeHead(302, { location: `${other.url}${req.url}` });
        res.end();
      };
      other.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: '1', username: 'stolen', acct: 'stolen' }));
      };
      const channel = createMastodonChannel({}, allowLoopback);
      const connecting = channel.finishConnect({ kind: 'form', values: { instanceUrl: outside.url, accessToken: 'secret-token', token: 'secret-token' } });
      await expect(connecting).rejects.toBeInstanceOf(ConnectorError);
      expect(outside.seen.map((s) => s.authorization)).toEqual(['Bearer secret-token']);
      expect(other.seen).toEqual([]);
    } finally {
      await allowLoopback.close();
      await other.close();
    }
  });
});

describe('the global fetch confined to the guard', () => {
  it('refuses what the guard refuses, inside the scope only', async () => {
    const refused = await guard.confine(() => fetch(`http://inside.test:${port(inside)}/x`).then(() => null, (e: unknown) => e));
    expect(refused).toBeInstanceOf(TypeError);
    expect(isRefusedAddress(refused)).toBe(true);
    expect(inside.seen).toEqual([]);
    // Outside the scope the process's fetch is untouched (127.0.0.1 is reached as before).
    expect(await (await fetch(`${inside.url}/plain`)).text()).toBe('hello');
    expect(inside.seen.map((s) => s.path)).toEqual(['/plain']);
  });

  it('reaches an allowed name through the pinned address, and re-checks a redirect hop', async () => {
    const ok = await guard.confine(async () => (await fetch(`http://public.test:${port(outside)}/ok`)).text());
    expect(ok).toBe('hello');
    outside.handle = (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${port(inside)}/secret` });
      res.end();
    };
    const hop = await guard.confine(() => fetch(`http://public.test:${port(outside)}/go`).then(() => null, (e: unknown) => e));
    expect(isRefusedAddress(hop)).toBe(true);
    expect(inside.seen).toEqual([]);
  });

  it('keeps the scope across awaits and timers, and does not leak it to concurrent work', async () => {
    const leaked = fetch(`${inside.url}/concurrent`).then((r) => r.text());
    const confined = guard.confine(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return fetch(`http://127.0.0.1:${port(inside)}/late`).then(() => null, (e: unknown) => e);
    });
    expect(await leaked).toBe('hello');
    expect(isRefusedAddress(await confined)).toBe(true);
    expect(inside.seen.map((s) => s.path)).toEqual(['/concurrent']);
  });
});

describe('plain http (ASVS 12.2.1)', () => {
  const publicResolver: ResolveAll = async (hostname) => [{ address: hostname === 'inside.test' ? '10.1.2.3' : '93.184.216.34', family: 4 }];

  it('refuses a public address over plain http with its own clear error, before connecting', async () => {
    const strict = createOutbound({ allow: parseAllowList(''), resolve: publicResolver, timeoutMs: 500 });
    try {
      const error = await strict.fetch('http://news.example/feed.xml').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).platformCode).toBe('plain-http');
      expect((error as ConnectorError).message).toMatch(/plain http.*https address.*OUTBOUND_PLAIN_HTTP_HOSTS/);
      // A private address says nothing more than before: the neutral refusal, not "plain http".
      expect(await refusal(strict.fetch('http://inside.test/feed.xml'))).toBe(UNREACHABLE_MESSAGE);
    } finally {
      await strict.close();
    }
  });

  it('lets plain http through to the hosts the operator named, and to allow-listed addresses', async () => {
    const named = createOutbound({ allow: parseAllowList(''), resolve: publicResolver, timeoutMs: 300, plainHttpHosts: ['news.example'] });
    try {
      // Connecting is tried (and fails here, offline), so the refusal is not the plain-http one.
      const error = await named.fetch('http://news.example/feed.xml').catch((e: unknown) => e);
      expect((error as ConnectorError).platformCode).not.toBe('plain-http');
    } finally {
      await named.close();
    }
    // "public.test" resolves to the allow-listed 127.0.0.2 (an intranet feed, in an operator's terms).
    outside.handle = (_req, res) => res.end('intranet feed');
    const res = await guard.fetch(`http://public.test:${port(outside)}/feed.xml`);
    expect(await res.text()).toBe('intranet feed');
  });
});

describe('the operator host allow-list, OUTBOUND_ALLOW_HOSTS (ASVS 13.2.4, 13.2.5)', () => {
  let logged: OutboundLogEntry[] = [];
  const listed = createOutbound({ allow: parseAllowList('127.0.0.2/32'), hosts: parseHostList('public.test, *.wild.test'), resolve: resolver, timeoutMs: 2_000, log: (entry) => logged.push(entry) });
  const upgrades: string[] = [];
  const recordUpgrade = (req: http.IncomingMessage, socket: Duplex) => {
    upgrades.push(req.url ?? '');
    socket.destroy();
  };
  afterAll(() => listed.close());
  beforeEach(() => {
    logged = [];
    upgrades.length = 0;
  });

  async function hostRefusal(promise: Promise<unknown>): Promise<ConnectorError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }

  it('reaches the listed names and every name under a wildcard', async () => {
    for (const host of ['public.test', 'a.wild.test', 'b.c.wild.test']) {
      const res = await listed.fetch(`http://${host}:${port(outside)}/${host}`);
      expect(await res.text()).toBe('hello');
    }
    expect(outside.seen.map((s) => s.path)).toEqual(['/public.test', '/a.wild.test', '/b.c.wild.test']);
  });

  it('refuses any other host with its own message, before resolving or sending anything', async () => {
    for (const host of ['other.test', 'wild.test', '127.0.0.2']) {
      const error = await hostRefusal(listed.fetch(`http://${host}:${port(outside)}/feed.xml`));
      expect(error.platformCode).toBe('host-not-allowed');
      expect(error.kind).toBe('rejected');
      expect(error.message).toBe(hostNotAllowedMessage(host));
      expect(error.message).toMatch(/only fetches from the hosts its administrator listed/);
    }
    expect(resolved).toEqual([]);
    expect(outside.seen).toEqual([]);
    expect(logged.map((e) => e.event)).toEqual(['outbound.refused', 'outbound.refused', 'outbound.refused']);
  });

  it('still checks the addresses of a listed name', async () => {
    expect(await refusal(listed.fetch(`http://inside.wild.test:${port(inside)}/secret`))).toBe(UNREACHABLE_MESSAGE);
    expect(inside.seen).toEqual([]);
  });

  it('re-checks every redirect hop: a listed host sending the request to an unlisted one is refused', async () => {
    outside.handle = (_req, res) => {
      res.writeHead(302, { location: `http://other.test:${port(outside)}/elsewhere` });
      res.end();
    };
    const error = await hostRefusal(listed.fetch(`http://public.test:${port(outside)}/go`));
    expect(error.platformCode).toBe('host-not-allowed');
    expect(error.message).toBe(hostNotAllowedMessage('other.test'));
    expect(outside.seen.map((s) => s.path)).toEqual(['/go']);
  });

  it('checks the host of check() without a request', async () => {
    await expect(listed.check(`https://a.wild.test:${port(outside)}/inbox`)).resolves.toBeUndefined();
    expect((await hostRefusal(listed.check('https://other.test/inbox'))).platformCode).toBe('host-not-allowed');
    expect(listed.allowsHost(new URL('https://x.wild.test/'))).toBe(true);
    expect(listed.allowsHost(new URL('https://other.test/'))).toBe(false);
    expect(guard.allowsHost(new URL('https://other.test/'))).toBe(true);
  });

  it('opens a WebSocket to a listed host only: the handshake to another never leaves', async () => {
    const server = await new Promise<http.Server>((resolve) => {
      const s = http.createServer();
      s.on('upgrade', recordUpgrade);
      s.listen(0, '127.0.0.2', () => resolve(s));
    });
    const wsPort = (server.address() as AddressInfo).port;
    const outcome = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = listed.openWebSocket(url);
        ws.addEventListener('open', () => resolve('open'));
        ws.addEventListener('error', () => resolve('error'));
      });
    try {
      expect(await outcome(`ws://other.test:${wsPort}/api/v1/streaming`)).toBe('error');
      expect(upgrades).toEqual([]);
      expect(logged).toEqual([{ event: 'outbound.refused', url: `http://other.test:${wsPort}/`, reason: 'other.test is not in OUTBOUND_ALLOW_HOSTS' }]);
      // The listed host gets the handshake (which this bare server then drops).
      await outcome(`ws://public.test:${wsPort}/api/v1/streaming`);
      expect(upgrades).toEqual(['/api/v1/streaming']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('holds for libraries confined to the guard', async () => {
    const ok = await listed.confine(async () => (await fetch(`http://public.test:${port(outside)}/ok`)).text());
    expect(ok).toBe('hello');
    const refused = await listed.confine(() => fetch(`http://other.test:${port(outside)}/inbox`).then(() => null, (e: unknown) => e));
    expect(isRefusedAddress(refused)).toBe(true);
    expect(outside.seen.map((s) => s.path)).toEqual(['/ok']);
    expect(logged.map((e) => [e.event, e.url])).toEqual([['outbound.refused', `http://other.test:${port(outside)}/`]]);
  });
});

describe('failures as security events (ASVS 16.3.4)', () => {
  type Line = { level: number; event?: string; url?: string; reason?: string; msg: string };
  function memoryLogger(): { lines: Line[]; logger: pino.Logger } {
    const lines: Line[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as Line);
        done();
      },
    });
    return { lines, logger: pino({ level: 'debug' }, sink) };
  }
  const WARN = 40;
  const DEBUG = 20;

  it('logs a certificate that does not verify at warn as outbound.tls-failed; the person sees the neutral message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-outbound-tls-'));
    const { key, cert } = selfSignedCertificate(dir, 'secure.test', 'DNS:secure.test');
    fs.rmSync(dir, { recursive: true, force: true });
    const server = https.createServer({ key, cert }, (_req, res) => res.end('should not be read'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    const tlsPort = (server.address() as AddressInfo).port;
    const { lines, logger } = memoryLogger();
    const secureResolver: ResolveAll = async () => [{ address: '127.0.0.2', family: 4 }];
    const checked = createOutbound({ allow: parseAllowList('127.0.0.2/32'), resolve: secureResolver, timeoutMs: 2_000, log: logOutboundTo(logger) });
    try {
      expect(await refusal(checked.fetch(`https://secure.test:${tlsPort}/feed.xml?key=s3cret`))).toBe(UNREACHABLE_MESSAGE);
      await new Promise((resolve) => setImmediate(resolve));
      const events = lines.filter((l) => l.event !== undefined);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ level: WARN, event: 'outbound.tls-failed', url: `https://secure.test:${tlsPort}/` });
      expect(events[0]?.reason).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);
      expect(JSON.stringify(lines)).not.toMatch(/s3cret/);
    } finally {
      await checked.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('logs refused addresses and plain http at warn as outbound.refused, without credentials or query', async () => {
    const { lines, logger } = memoryLogger();
    const publicResolver: ResolveAll = async (hostname) => [{ address: hostname === 'inside.test' ? '10.1.2.3' : '93.184.216.34', family: 4 }];
    const strict = createOutbound({ allow: parseAllowList(''), resolve: publicResolver, timeoutMs: 500, log: logOutboundTo(logger) });
    try {
      await refusal(strict.fetch('https://inside.test/metadata?token=abc'));
      await strict.fetch('http://news.example/feed.xml?key=abc').catch(() => null);
      await refusal(strict.fetch('file:///etc/passwd'));
      expect(lines.map((l) => [l.level, l.event, l.url])).toEqual([
        [WARN, 'outbound.refused', 'https://inside.test/'],
        [WARN, 'outbound.refused', 'http://news.example/'],
        [WARN, 'outbound.refused', 'file:///etc/passwd'],
      ]);
      expect(lines[0]?.reason).toMatch(/10\.1\.2\.3: private/);
      expect(JSON.stringify(lines)).not.toMatch(/token=|key=/);
    } finally {
      await strict.close();
    }
  });

  it('keeps ordinary network failures at debug', async () => {
    const { lines, logger } = memoryLogger();
    const quiet = createOutbound({ allow: parseAllowList('127.0.0.2/32'), resolve: resolver, timeoutMs: 2_000, log: logOutboundTo(logger) });
    try {
      await refusal(quiet.fetch('http://127.0.0.2:1/closed?k=v'));
      await refusal(quiet.fetch('http://nowhere.test/'));
      // fetch itself refuses a URL with credentials in it; the log still shows neither.
      await refusal(quiet.fetch('http://admin:hunter2@public.test/x?token=abc'));
      expect(lines.map((l) => [l.level, l.event, l.url])).toEqual([
        [DEBUG, 'outbound.failed', 'http://127.0.0.2:1/closed'],
        [DEBUG, 'outbound.failed', 'http://nowhere.test/'],
        [DEBUG, 'outbound.failed', 'http://public.test/x'],
      ]);
      expect(JSON.stringify(lines)).not.toMatch(/hunter2|token=/);
    } finally {
      await quiet.close();
    }
  });
});

// The one guarded fetch for addresses a user supplied (feeds, article links, platform instances,
// redirect targets). Safety does not rest on checking a URL and then letting fetch resolve it again
// (DNS rebinding answers "public" to the check and "127.0.0.1" to the fetch): the dispatcher's own
// connect step resolves the host once, checks every address it got and connects to the checked
// one. Redirects are followed by hand so every hop goes through that step again.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ConnectorError, type OutboundHttp, type OutboundRequestInit, unreachableError } from '@diplodesk/connector-sdk';
import { Agent, buildConnector, fetch as undiciFetch, WebSocket as UndiciWebSocket } from 'undici';
import { type AllowList, refusalOf } from './address-ranges.ts';
import { withDispatcher } from './global-fetch-scope.ts';
import { causeCode, describe, eventOf, HOST_CODE, HostNotAllowed, loggable, type OutboundLogEntry, PLAIN_HTTP_CODE, PlainHttpRefused, REFUSED_CODE, RefusedAddress } from './outbound-failures.ts';
import type { HostList } from './host-list.ts';

/** Every address a host name resolves to, in the resolver's order. */
export type ResolveAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolve: ResolveAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

export interface OutboundOptions {
  allow: AllowList;
  /** OUTBOUND_ALLOW_HOSTS: when restricted, the only host names reached (every redirect hop, WebSocket, `confine`). */
  hosts?: HostList;
  /** The resolver (tests inject one to play a hostile DNS server); node:dns by default. */
  resolve?: ResolveAll;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Host names that may be fetched over plain http although public (OUTBOUND_PLAIN_HTTP_HOSTS). Any
   * other plain-http request goes only to an allow-listed address; elsewhere it is refused, with its
   * own clear error (ASVS 12.2.1: no unencrypted fetch unless the operator chose it).
   */
  plainHttpHosts?: readonly string[];
  /** Why a request failed or was refused, for the server log only: the caller sees the neutral message. */
  log?: (entry: OutboundLogEntry) => void;
}

/** The guard, plus what the server itself needs: an address check without a request, and shutdown. */
export interface Outbound extends OutboundHttp {
  /** Resolves `url`'s host and throws the neutral error (or the host-not-allowed one) unless it may be reached. */
  check(url: string | URL): Promise<void>;
  /**
   * Runs `fn` so that every request made through the global `fetch` anywhere in its async call
   * tree connects through this guard's pinned, checked connect step. For libraries that take no
   * fetch or dispatcher of their own (Fedify's delivery and WebFinger): the address check happens
   * at connect time, on each connection and each redirect hop, so it cannot be raced by DNS.
   * Size and time limits stay the library's; refused connections fail as network errors whose
   * cause `isRefusedAddress` recognises.
   */
  confine<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether OUTBOUND_ALLOW_HOSTS lets `url`'s host be reached (true for any host when it is empty); no request, no lookup. */
  allowsHost(url: URL): boolean;
  /**
   * The checked address to connect to for a host reached by another protocol than HTTP (an SMTP
   * relay): the caller connects to this address, never to the name again, so DNS cannot answer
   * differently in between. `plain` (no TLS) admits only allow-listed addresses.
   */
  pinHost(hostname: string, opts: { plain: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** Whether `error` (or its causes) is the guard refusing an address or a host at connect time. */
export function isRefusedAddress(error: unknown): boolean {
  const code = causeCode(error);
  return code === REFUSED_CODE || code === HOST_CODE;
}

/** The text a person sees when OUTBOUND_ALLOW_HOSTS does not name the host: what to do, not what listens. */
export function hostNotAllowedMessage(host: string): string {
  return `This installation only fetches from the hosts its administrator listed, and ${host} is not one of them. Ask the administrator to add it (OUTBOUND_ALLOW_HOSTS).`;
}

/** What the connect step lets through: any public address, only allow-listed ones, or (plain http) public ones refused as such. */
type PinMode = 'public' | 'allow-listed' | 'plain-http';

// Failures that happen before a byte of the request left: the request certainly did not arrive.
const BEFORE_SENDING = new Set(['EOUTBOUNDREFUSED', 'EOUTBOUNDHOST', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

function hostNotAllowedError(host: string): ConnectorError {
  return new ConnectorError('rejected', hostNotAllowedMessage(host), { platformCode: 'host-not-allowed' });
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Whether the request carries a credential; a plain record is read as it is (no Headers object on the hot path). */
function hasCredentials(headers: OutboundRequestInit['headers']): boolean {
  if (headers == null) return false;
  if (headers instanceof Headers) return [...CREDENTIAL_HEADERS].some((name) => headers.has(name));
  const names = Array.isArray(headers) ? headers.map(([name]) => name) : Object.keys(headers);
  return names.some((name) => CREDENTIAL_HEADERS.has(name.toLowerCase()));
}

/**
 * Creates the guard. `allow` is the operator's `OUTBOUND_ALLOW_CIDRS`; nothing else is exempt from
 * the address checks. `hosts` (OUTBOUND_ALLOW_HOSTS), when restricted, is checked before them.
 *
 * @example
 * const outbound = createOutbound({ allow: parseAllowList('') });
 * await outbound.fetch('http://127.0.0.1/'); // throws ConnectorError "The address could not be reached or is not allowed."
 */
export function createOutbound(options: OutboundOptions): Outbound {
  const resolve = options.resolve ?? systemResolve;
  const defaults = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  const log = options.log ?? (() => {});
  const hosts = options.hosts;

  /** The address to connect to for `hostname`, after checking the name and every address it resolves to. */
  async function pin(hostname: string, mode: PinMode): Promise<string> {
    const host = bare(hostname);
    // Before the lookup: a name the operator did not list is not even resolved.
    if (hosts?.restricted && !hosts.allows(host)) throw new HostNotAllowed(`${host} is not in OUTBOUND_ALLOW_HOSTS`);
    const addresses = isIP(host) ? [{ address: host }] : await resolve(host);
    // A name without an address is the network's answer, not a refusal (and not a security event).
    if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
    for (const { address } of addresses) {
      if (options.allow.allows(address)) continue;
      if (mode === 'allow-listed') throw new RefusedAddress(`${host} (${address}) is not on the allow-list, required for plain http with credentials`);
      const refusal = refusalOf(address);
      if (refusal !== null) throw new RefusedAddress(`${host} resolves to ${address}: ${refusal}`);
      if (mode === 'plain-http') throw new PlainHttpRefused(`${host} (${address}) over plain http, and not in OUTBOUND_PLAIN_HTTP_HOSTS`);
    }
    return addresses[0]?.address as string;
  }

  /**
   * Logs a refusal or a certificate failure where it happens, the connect step: the one place that
   * sees them for `fetch`, WebSockets and `confine`d libraries alike (which report none to us).
   * There is no path here, only the origin. Ordinary network failures are left to the caller.
   */
  function reportConnectFailure(error: Error, opts: { protocol: string; hostname: string; port: string }): void {
    const code = causeCode(error);
    const event = eventOf(code);
    if (event === 'outbound.failed') return;
    const port = opts.port ? `:${opts.port}` : '';
    // A certificate failure's message ("self-signed certificate") says less than its code.
    log({ event, url: `${opts.protocol}//${opts.hostname}${port}/`, reason: event === 'outbound.tls-failed' ? `${code}: ${describe(error)}` : describe(error) });
  }

  function pinnedAgent(mode: PinMode): Agent {
    const base = buildConnector({});
    return new Agent({
      connect(opts, callback) {
        pin(opts.hostname, mode).then(
          (address) => {
            // TLS still checks the certificate against the name the user gave.
            const servername = isIP(bare(opts.hostname)) ? undefined : (opts.servername ?? bare(opts.hostname));
            base({ ...opts, hostname: address, ...(servername ? { servername } : {}) }, (error, socket) => {
              if (error) {
                reportConnectFailure(error, opts);
                callback(error, null);
              } else callback(null, socket);
            });
          },
          (error: Error) => {
            reportConnectFailure(error, opts);
            callback(error, null);
          },
        );
      },
    });
  }
  const agent = pinnedAgent('public');
  // Plain http carrying a token: only to allow-listed addresses (an intranet instance, a local fake).
  const allowListedAgent = pinnedAgent('allow-listed');
  // Plain http otherwise: allow-listed addresses, and public ones only on hosts the operator named.
  const plainHttpAgent = pinnedAgent('plain-http');
  const plainHttpHosts = new Set((options.plainHttpHosts ?? []).map((h) => h.toLowerCase()));
  /** The connect step for a request: unencrypted ones (http:, ws:) get the stricter ones. */
  const dispatcherFor = (url: URL, secure: boolean): Agent => {
    if (url.protocol !== 'http:' && url.protocol !== 'ws:') return agent;
    if (secure) return allowListedAgent;
    return plainHttpHosts.has(bare(url.hostname).toLowerCase()) ? agent : plainHttpAgent;
  };

  function parse(input: string | URL, schemes: readonly string[]): URL {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      log({ event: 'outbound.failed', url: '(not a URL)', reason: 'not a URL' });
      throw unreachableError();
    }
    if (!schemes.includes(url.protocol)) {
      log({ event: 'outbound.refused', url: loggable(url), reason: `scheme ${url.protocol} refused` });
      throw unreachableError();
    }
    return url;
  }

  function limited(response: Response, maxBytes: number, url: URL): Response {
    const init = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (!response.body || NULL_BODY.has(response.status)) return new Response(null, init);
    // Nothing to count: the answer as it came (re-wrapping it cost a few per cent of a poll).
    if (maxBytes === Number.POSITIVE_INFINITY) return response;
    let total = 0;
    // A pull-based wrapper rather than a TransformStream: cheaper per chunk on the hot path.
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        total += value.byteLength;
        if (total > maxBytes) {
          log({ event: 'outbound.failed', url: loggable(url), reason: `body larger than ${maxBytes} bytes` });
          await reader.cancel();
          controller.error(new ConnectorError('rejected', `The answer is larger than ${maxBytes} bytes.`, { platformCode: 'too-large' }));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(counted, init);
  }

  async function guardedFetch(input: string | URL, init: OutboundRequestInit = {}): Promise<Response> {
    const { timeoutMs = defaults.timeoutMs, maxBytes = defaults.maxBytes, secure = false, signal, redirect = 'follow', ...rest } = init;
    let url = parse(input, ['http:', 'https:']);
    const deadline = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    const combined = signal && deadline ? AbortSignal.any([signal, deadline]) : (signal ?? deadline);
    const method = (rest.method ?? 'GET').toUpperCase();
    const headers = rest.headers;
    // A token, a cookie or a body is never replayed to wherever a redirect points.
    const mayFollow = redirect === 'follow' && !hasCredentials(headers) && rest.body == null;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        const dispatcher = dispatcherFor(url, secure);
        response = (await undiciFetch(url, { ...(rest as object), ...(headers ? { headers: headers as unknown as [string, string][] } : {}), redirect: 'manual', dispatcher, ...(combined ? { signal: combined } : {}) })) as unknown as Response;
      } catch (error) {
        // The caller's own cancellation (a stream being stopped) is not a failure to reach anything.
        if (signal?.aborted) throw error;
        const code = causeCode(error);
        // Refusals and certificate failures were logged by the connect step, as security events.
        if (eventOf(code) === 'outbound.failed') log({ event: 'outbound.failed', url: loggable(url), reason: describe(error) });
        if (code === HOST_CODE) throw hostNotAllowedError(bare(url.hostname));
        if (code === PLAIN_HTTP_CODE) {
          throw new ConnectorError('rejected', 'This address uses plain http, which this installation does not fetch from the internet. Use its https address, or ask the administrator to allow the host (OUTBOUND_PLAIN_HTTP_HOSTS).', { platformCode: 'plain-http' });
        }
        throw unreachableError(method !== 'GET' && method !== 'HEAD' && !BEFORE_SENDING.has(code ?? ''));
      }
      const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
      if (location === null || redirect === 'manual') return limited(response, maxBytes, url);
      await response.body?.cancel();
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        next = new URL('invalid:');
      }
      // A refusal of where a redirect points is a security event; a loop of redirects is not.
      const refusal = !mayFollow
        ? 'redirect refused for a request with credentials or a body'
        : hop + 1 > MAX_REDIRECTS
          ? `more than ${MAX_REDIRECTS} redirects`
          : next.protocol !== 'http:' && next.protocol !== 'https:'
            ? `redirect to ${next.protocol}`
            : url.protocol === 'https:' && next.protocol === 'http:'
              ? 'redirect from https to http'
              : null;
      if (refusal !== null) {
        const event = hop + 1 > MAX_REDIRECTS && mayFollow ? 'outbound.failed' : 'outbound.refused';
        log({ event, url: loggable(url), reason: `${refusal} (to ${next.protocol === 'invalid:' ? 'an invalid address' : loggable(next)})` });
        throw unreachableError();
      }
      url = next;
    }
  }

  return {
    fetch: guardedFetch,
    openWebSocket(input, protocols) {
      const url = parse(input, ['ws:', 'wss:']);
      // undici's WebSocket follows no redirect; its handshake goes through the same pinned connect.
      const ws = new UndiciWebSocket(url, { dispatcher: dispatcherFor(url, false), ...(protocols ? { protocols } : {}) });
      return ws as unknown as WebSocket;
    },
    async check(input) {
      const url = parse(input, ['http:', 'https:']);
      try {
        await pin(url.hostname, 'public');
      } catch (error) {
        const code = causeCode(error);
        log({ event: eventOf(code), url: loggable(url), reason: describe(error) });
        throw code === HOST_CODE ? hostNotAllowedError(bare(url.hostname)) : unreachableError();
      }
    },
    async pinHost(hostname, { plain }) {
      try {
        return await pin(hostname, plain ? 'allow-listed' : 'public');
      } catch (error) {
        const code = causeCode(error);
        log({ event: eventOf(code), url: `//${hostname}/`, reason: describe(error) });
        throw code === HOST_CODE ? hostNotAllowedError(bare(hostname)) : unreachableError();
      }
    },
    confine: (fn) => withDispatcher(agent, fn),
    allowsHost: (url) => !hosts?.restricted || hosts.allows(url.hostname),
    async close() {
      await Promise.all([agent.close(), allowListedAgent.close(), plainHttpAgent.close()]);
    },
  };
}

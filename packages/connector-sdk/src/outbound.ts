// The only way a connector reaches the network. The server hands every connector an implementation
// that resolves each host once, refuses private and reserved addresses (unless the operator
// allow-listed them), connects to the address it checked and re-checks every redirect; connector
// code never calls the global fetch or WebSocket, so a user-supplied address cannot bypass it.
import { ConnectorError } from './connector-error.ts';

/** What a user sees when an address is refused, unresolvable, closed or silent: one text, so nobody can scan ports through DiploDesk. */
export const UNREACHABLE_MESSAGE = 'The address could not be reached or is not allowed.';

/** `platformCode` of the error the outbound guard throws. */
export const UNREACHABLE_CODE = 'unreachable';

export interface OutboundRequestInit extends RequestInit {
  /** Deadline for the whole exchange, redirects and body included; 0 leaves only `signal` (streams). */
  timeoutMs?: number;
  /** Largest body read; past it the body stream fails. `Infinity` for streams. */
  maxBytes?: number;
  /**
   * The request carries an account's token or password: plain http is then refused unless the
   * address is on the operator's allow-list (an intranet instance, a local test fake).
   */
  secure?: boolean;
}

/**
 * Outbound HTTP and WebSocket, given to every connector (`ConnectorContext.outbound`). `fetch`
 * follows redirects itself only for requests without credentials or a body; with `Authorization`,
 * a cookie or a body a redirect is an error, so a token is never carried to another host.
 * `redirect: 'manual'` returns the 3xx for the caller to follow, each hop through `fetch` again.
 * Every failure to reach the address throws a `ConnectorError` with {@link UNREACHABLE_MESSAGE}.
 */
export interface OutboundHttp {
  fetch(url: string | URL, init?: OutboundRequestInit): Promise<Response>;
  /** Opens a WebSocket (ws: or wss:) through the same address checks. */
  openWebSocket(url: string | URL, protocols?: string | string[]): WebSocket;
}

/** What the server gives each connector factory besides its environment. */
export interface ConnectorContext {
  outbound: OutboundHttp;
}

/** The error an outbound guard throws: `transient` when nothing was sent, `unknown-outcome` when a write may have arrived. */
export function unreachableError(mayHaveArrived = false): ConnectorError {
  return new ConnectorError(mayHaveArrived ? 'unknown-outcome' : 'transient', UNREACHABLE_MESSAGE, { platformCode: UNREACHABLE_CODE });
}

/** Whether an error is the outbound guard's neutral refusal. */
export function isUnreachable(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && error.platformCode === UNREACHABLE_CODE;
}

/**
 * An unguarded implementation over the global fetch and WebSocket, for connector unit tests and the
 * contract suite, which test a platform's protocol against a local fake, not address checks.
 * Never use it in the server.
 */
export const unguardedOutbound: OutboundHttp = {
  fetch: (url, init = {}) => {
    const { timeoutMs, maxBytes: _maxBytes, secure: _secure, signal, ...rest } = init;
    const deadline = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    const combined = signal && deadline ? AbortSignal.any([signal, deadline]) : (signal ?? deadline);
    return fetch(url, { ...rest, ...(combined ? { signal: combined } : {}) });
  },
  openWebSocket: (url, protocols) => new WebSocket(url, protocols),
};

// How the outbound guard tells its failures apart and what it writes about them. A refusal (an
// address, a host, plain http) and a certificate that does not verify are security events, logged at
// warn under a stable name (ASVS 16.3.4); a host that is down is the network being the network. No
// line carries a URL's credentials or query string.
import type { Logger } from 'pino';

/**
 * One line of the guard's log. `outbound.refused` (an address, host, scheme or plain-http request the
 * guard would not reach) and `outbound.tls-failed` (a certificate that did not verify) are security
 * events, logged at warn (ASVS 16.3.4); `outbound.failed` is the network being the network (debug).
 * `url` never carries credentials or a query string (a feed key, a signed link).
 */
export type OutboundLogEntry = { event: 'outbound.refused' | 'outbound.tls-failed' | 'outbound.failed'; url: string; reason: string };

/**
 * The guard's log written to the server log: refusals and certificate failures at warn under their
 * stable `event` name (something an operator can alert on), ordinary failures at debug.
 */
export function logOutboundTo(logger: Pick<Logger, 'debug' | 'warn'>): (entry: OutboundLogEntry) => void {
  return ({ event, url, reason }) => {
    if (event === 'outbound.failed') logger.debug({ event, url, reason }, 'outbound request failed');
    else logger.warn({ event, url, reason }, event === 'outbound.tls-failed' ? 'outbound request: certificate check failed' : 'outbound request refused');
  };
}

/** Raised inside the connect step; `code` lets the log tell it from a network failure. */
export const REFUSED_CODE = 'EOUTBOUNDREFUSED';
export class RefusedAddress extends Error {
  readonly code = REFUSED_CODE;
}
/** A public address reached over plain http without the operator's leave: said as such to the user. */
export const PLAIN_HTTP_CODE = 'EOUTBOUNDPLAINHTTP';
export class PlainHttpRefused extends Error {
  readonly code = PLAIN_HTTP_CODE;
}
/** A host OUTBOUND_ALLOW_HOSTS does not name: refused before it is even resolved. */
export const HOST_CODE = 'EOUTBOUNDHOST';
export class HostNotAllowed extends Error {
  readonly code = HOST_CODE;
}
const REFUSALS = new Set([REFUSED_CODE, PLAIN_HTTP_CODE, HOST_CODE]);

// Certificate checks that failed (OpenSSL's verify results as Node names them, and the name check):
// someone may stand between us and the host, so these are logged as security events.
const TLS_CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_REJECTED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The log event for a failure with `code`: a refusal, a TLS failure (certificate or handshake), or the network. */
export function eventOf(code: string | undefined): OutboundLogEntry['event'] {
  if (code === undefined) return 'outbound.failed';
  if (REFUSALS.has(code)) return 'outbound.refused';
  if (TLS_CERT_CODES.has(code) || code.startsWith('ERR_SSL_')) return 'outbound.tls-failed';
  return 'outbound.failed';
}

/** A URL as logged: scheme, host, port and path; never user, password, query or fragment. */
export function loggable(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The first `code` along an error's causes: fetch wraps the connect step's or the socket's error. */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return undefined;
}

/** An error and its causes as one line for the log, with any URL in it cut to what `loggable` keeps. */
export function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  // undici quotes the URL it was given (credentials and query included) in some of its messages.
  return parts
    .join(': ')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#]\S*/gi, '$1');
}

import { ConnectorError } from './connector-error.ts';
import type { OutboundHttp } from './outbound.ts';

/** Whether a request only reads, or may change something on the platform. */
export type RequestEffect = 'read' | 'write';

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.name === 'TimeoutError') return 'timeout';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * A request through the connector's {@link OutboundHttp} with a timeout, turning a network failure
 * into the right `ConnectorError`: a refused or unresolvable connection, or any failed read, is
 * `transient` (nothing happened); a write whose connection ended before an answer is
 * `unknown-outcome` (the post may exist — reconcile, never blindly repeat). The guard's own neutral
 * error passes through unchanged, so a refused address reads the same as a closed port.
 */
export async function sendRequest(outbound: OutboundHttp, platform: string, url: string, init: RequestInit, effect: RequestEffect, timeoutMs: number): Promise<Response> {
  try {
    return await outbound.fetch(url, { ...init, timeoutMs });
  } catch (error) {
    if (error instanceof ConnectorError) {
      // The guard cannot know whether a request is a read: a read never has an unknown outcome.
      if (error.kind === 'unknown-outcome' && effect === 'read') throw new ConnectorError('transient', error.message, { platformCode: error.platformCode });
      throw error;
    }
    const code = networkCode(error);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || effect === 'read') {
      throw new ConnectorError('transient', `${platform} request failed before an answer (${code ?? 'network error'})`, { cause: error });
    }
    throw new ConnectorError('unknown-outcome', `${platform} connection ended before an answer (${code ?? 'network error'}); the post may exist`, { cause: error });
  }
}

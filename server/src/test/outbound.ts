import { createOutbound, type Outbound, parseAllowList } from '../platform/outbound/index.ts';

/** The allow-list of the integration suite: every fake platform listens on loopback. */
export const TEST_OUTBOUND_ALLOW = '127.0.0.0/8,::1/128';

/** An outbound guard for tests that build connectors before any app: loopback allowed, nothing else private. */
export function testOutbound(): Outbound {
  return createOutbound({ allow: parseAllowList(TEST_OUTBOUND_ALLOW) });
}

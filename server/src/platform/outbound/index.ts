export { type AllowList, addressBytes, parseAllowList, REFUSED_IPV4, REFUSED_IPV6, refusalOf } from './address-ranges.ts';
export { type HostList, normaliseHost, parseHostList } from './host-list.ts';
export { createOutbound, DEFAULT_MAX_BYTES, hostNotAllowedMessage, isRefusedAddress, DEFAULT_TIMEOUT_MS, MAX_REDIRECTS, type Outbound, type OutboundOptions, type ResolveAll, systemResolve } from './outbound.ts';
export { logOutboundTo, type OutboundLogEntry } from './outbound-failures.ts';

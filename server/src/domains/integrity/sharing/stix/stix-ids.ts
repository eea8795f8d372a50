import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../platform/crypto/canonical-json.ts';

/** RFC 9562 §5.5 name-based UUID (version 5, SHA-1) of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Our own namespace for the ids of domain and relationship objects we export: the same record of
// ours always maps to the same STIX id, so a re-export is a new version of the object a partner
// already holds, never a second object. (A fixed random UUID; changing it would re-key every export.)
const diplodeskNamespace = '6f0d2a3e-5a5b-4c1e-9d8e-2b7d0c4b9e11';

// STIX 2.1 §2.9: cyber-observable ids are UUIDv5 over the canonical JSON of the type's
// ID-contributing properties, in this namespace fixed by the specification — so two producers
// describing the same URL or account produce the same id.
const scoNamespace = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * The STIX id of one of our records: `type--uuidv5("<type>:<key>")`, with the key scoped by the
 * installation so two ministries exporting their own record 42 never collide.
 */
export function stixIdFor(type: string, scope: string, key: string): string {
  return `${type}--${uuidv5(`${type}:${scope}:${key}`, diplodeskNamespace)}`;
}

/** The deterministic id of a cyber-observable from its ID-contributing properties (§2.9). */
export function scoIdFor(type: string, contributing: Record<string, string>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), scoNamespace)}`;
}

import { hasLoneSurrogate } from '@diplodesk/contracts';
import { toMicros } from './timestamps.ts';

export type CheckedObject = { id: string; type: string; specVersion: string; version: string | null; versionUs: number | null; object: Record<string, unknown> };
export type ObjectCheck = { ok: true; value: CheckedObject } | { ok: false; id: string; message: string };

const typePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The properties STIX 2.1 requires of the object types partners send most; other types (and
// custom ones) are checked for the common properties only. The OASIS JSON schemas are the full
// check; they are not shipped, so the server keeps to what would corrupt the store or mislead a
// reader: identity, version and references.
const required: Record<string, string[]> = {
  indicator: ['pattern', 'pattern_type', 'valid_from'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  report: ['name', 'published', 'object_refs'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed'],
  grouping: ['context', 'object_refs'],
  campaign: ['name'],
  'threat-actor': ['name'],
  'intrusion-set': ['name'],
  'attack-pattern': ['name'],
  identity: ['name'],
  malware: ['is_family'],
  'marking-definition': [],
};

// Cyber-observables have no created/modified: their version is their date added.
const observableTypes = new Set(['artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr', 'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate']);

/** Checks one STIX 2.1 object as a partner sent it; says why when it cannot be stored. */
export function checkStixObject(value: unknown, index: number): ObjectCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, id: `objects[${index}]`, message: 'Not a JSON object.' };
  const o = value as Record<string, unknown>;
  const type = o.type;
  // The id is echoed in the status resource (jsonb): a malformed one is named by its position.
  const id = typeof o.id === 'string' && !hasLoneSurrogate(o.id) && o.id.length <= 300 ? o.id : `objects[${index}]`;
  const fail = (message: string): ObjectCheck => ({ ok: false, id, message });
  if (typeof type !== 'string' || type.length < 3 || type.length > 250 || !typePattern.test(type)) return fail('"type" is missing or not a STIX type name.');
  if (type === 'bundle') return fail('A bundle cannot be stored inside a collection.');
  if (hasLoneSurrogate(o)) return fail('A text holds half a UTF-16 surrogate pair: not well-formed Unicode.');
  if (typeof o.id !== 'string' || !o.id.startsWith(`${type}--`) || !uuidPattern.test(o.id.slice(type.length + 2))) return fail(`"id" must be "${type}--" followed by a UUID.`);
  const specVersion = o.spec_version ?? (observableTypes.has(type) ? '2.1' : undefined);
  if (specVersion !== '2.1') return fail('Only STIX 2.1 objects are accepted ("spec_version": "2.1").');
  const created = o.created === undefined ? null : toMicros(o.created);
  const modified = o.modified === undefined ? null : toMicros(o.modified);
  if (o.created !== undefined && created === null) return fail('"created" is not a STIX timestamp.');
  if (o.modified !== undefined && modified === null) return fail('"modified" is not a STIX timestamp.');
  if (created !== null && modified !== null && modified < created) return fail('"modified" is earlier than "created".');
  if (!observableTypes.has(type) && created === null && !type.startsWith('x-')) return fail('"created" is required.');
  for (const property of required[type] ?? []) {
    if (o[property] === undefined || o[property] === null) return fail(`A ${type} needs "${property}".`);
  }
  for (const [key, ref] of Object.entries(o)) {
    if (key.endsWith('_ref') && typeof ref !== 'string') return fail(`"${key}" must be an identifier.`);
    if (key.endsWith('_refs') && (!Array.isArray(ref) || ref.some((r) => typeof r !== 'string'))) return fail(`"${key}" must be a list of identifiers.`);
  }
  const versionUs = modified ?? created;
  const version = typeof (o.modified ?? o.created) === 'string' ? ((o.modified ?? o.created) as string) : null;
  return { ok: true, value: { id: o.id, type, specVersion: '2.1', version, versionUs, object: o } };
}

/** The objects of a bundle (or one object sent alone); null with a reason when it is neither. */
export function objectsOfBundle(body: unknown): { bundleId: string | null; objects: unknown[] } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'The file is not a JSON object.' };
  const b = body as Record<string, unknown>;
  if (b.type === 'bundle') {
    if (!Array.isArray(b.objects)) return { error: 'The bundle has no "objects" list.' };
    return { bundleId: typeof b.id === 'string' ? b.id : null, objects: b.objects };
  }
  if (typeof b.type === 'string' && typeof b.id === 'string') return { bundleId: null, objects: [b] };
  return { error: 'This is neither a STIX bundle nor a STIX object ("type" and "id" missing).' };
}

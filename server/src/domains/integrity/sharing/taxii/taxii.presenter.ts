import type { CollectionRights } from '../sharing.policy.ts';
import type { CollectionRow, ObjectRow, StatusRow } from '../sharing.repo.ts';
import { fromMicros } from '../stix/timestamps.ts';
import { stixMediaType } from './taxii-http.ts';

// STIX and TAXII never send an empty list: a property with nothing in it is left out.
const nonEmpty = <T>(key: string, list: T[]) => (list.length > 0 ? { [key]: list } : {});

export function presentCollection(c: CollectionRow, rights: CollectionRights) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    ...(c.alias ? { alias: c.alias } : {}),
    can_read: rights.canRead,
    can_write: rights.canWrite,
    media_types: [stixMediaType],
  };
}

export function presentEnvelope(rows: ObjectRow[], more: boolean, next: string | null) {
  return { more, ...(more && next ? { next } : {}), ...nonEmpty('objects', rows.map((r) => r.object)) };
}

export function presentManifest(rows: ObjectRow[], more: boolean, next: string | null) {
  return {
    more,
    ...(more && next ? { next } : {}),
    ...nonEmpty(
      'objects',
      rows.map((r) => ({ id: r.objectId, date_added: fromMicros(r.dateAddedUs), version: r.version, media_type: stixMediaType })),
    ),
  };
}

export function presentVersions(rows: ObjectRow[], more: boolean, next: string | null) {
  return { more, ...(more && next ? { next } : {}), ...nonEmpty('versions', rows.map((r) => r.version)) };
}

/** The status resource (§4.3.1): every add completes within its request, so nothing is pending. */
export function presentStatus(s: StatusRow) {
  return {
    id: s.id,
    status: 'complete',
    request_timestamp: s.requestTimestamp.toISOString(),
    total_count: s.totalCount,
    success_count: s.successCount,
    ...nonEmpty('successes', s.successes),
    failure_count: s.failureCount,
    ...nonEmpty('failures', s.failures),
    pending_count: 0,
  };
}

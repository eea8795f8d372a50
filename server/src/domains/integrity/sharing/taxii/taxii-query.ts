import { AppError } from '../../../../platform/errors/app-error.ts';
import type { VersionFilter } from '../sharing.repo.ts';
import { toMicros } from '../stix/timestamps.ts';

export const defaultPageSize = 100;
export const maxPageSize = 1000;

export type TaxiiQuery = {
  addedAfterUs: number | null;
  afterUs: number | null;
  limit: number;
  ids: string[] | null;
  types: string[] | null;
  versions: VersionFilter[];
  specVersions: string[] | null;
};

type Raw = Record<string, string | string[] | undefined>;

/** A filter's values: repeated parameters and comma-separated lists both count (TAXII §3.4.1). */
function listOf(raw: Raw, key: string): string[] | null {
  const v = raw[key];
  if (v === undefined) return null;
  const values = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return values.length > 0 ? values : null;
}

function single(raw: Raw, key: string): string | undefined {
  const v = raw[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** The `next` we hand out: the date added of the last object of the page, opaque to the client. */
export function nextToken(us: number): string {
  return Buffer.from(`d:${us}`).toString('base64url');
}

function parseNext(value: string): number {
  const m = /^d:(\d{1,17})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!m?.[1]) throw new AppError('request.invalid', 'The "next" value is not one this server gave.');
  return Number(m[1]);
}

/**
 * The TAXII filters of a request: `added_after`, `limit`, `next`, `match[id]`, `match[type]`,
 * `match[version]` (first, last, all or a timestamp; default last) and `match[spec_version]`.
 * `allow` says which `match[...]` fields the endpoint takes.
 */
export function parseTaxiiQuery(raw: Raw, allow: { id?: boolean; type?: boolean; version?: boolean }, defaultVersion: VersionFilter['kind'] = 'last'): TaxiiQuery {
  const addedAfter = single(raw, 'added_after');
  const addedAfterUs = addedAfter === undefined ? null : toMicros(addedAfter);
  if (addedAfter !== undefined && addedAfterUs === null) throw new AppError('request.invalid', '"added_after" must be a timestamp such as 2026-01-31T12:00:00.000Z.');
  const limitText = single(raw, 'limit');
  const limit = limitText === undefined ? defaultPageSize : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) throw new AppError('request.invalid', '"limit" must be a positive whole number.');
  const next = single(raw, 'next');
  const versions: VersionFilter[] = [];
  for (const v of (allow.version ? listOf(raw, 'match[version]') : null) ?? [defaultVersion]) {
    if (v === 'first' || v === 'last' || v === 'all') versions.push({ kind: v });
    else {
      const us = toMicros(v);
      if (us === null) throw new AppError('request.invalid', '"match[version]" takes first, last, all or a timestamp.');
      versions.push({ kind: 'at', us });
    }
  }
  return {
    addedAfterUs,
    afterUs: next === undefined ? null : parseNext(next),
    // A larger page than the server gives is not an error: the server may return fewer (§3.4.2).
    limit: Math.min(limit, maxPageSize),
    ids: allow.id ? listOf(raw, 'match[id]') : null,
    types: allow.type ? listOf(raw, 'match[type]') : null,
    versions,
    specVersions: listOf(raw, 'match[spec_version]'),
  };
}

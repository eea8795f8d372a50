// Stored integrity rows as the STIX mapper's inputs. Pure: the rows are read by
// `commands/select-records.ts`, within what the caller may read. Limits are those of the STIX
// export request (titles 300 characters, at most 2,000 items, accounts and indicators per finding).
import { type FakeStatementKind, fakeStatementKinds, sharedFakeStatementKind } from '@diplodesk/contracts';
import type { ClaimRatingColumn } from '../../integrity.tables.ts';
import type { AccountInput, ClaimInput, EvidenceItemInput, FindingInput, IndicatorInput, NetworkInput } from './stix-types.ts';

/** A claim as stored, with its narrative's name. */
export type StoredClaim = {
  id: string;
  claimReviewed: string;
  language: string;
  rating: ClaimRatingColumn;
  summary: string | null;
  disproof: string | null;
  reviewAuthor: string | null;
  url: string | null;
  datePublished: string | null;
  appearanceUrls: string[];
  narrative: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A finding as stored. */
export type StoredFinding = {
  id: string;
  detector: FindingInput['detector'];
  /** The detector's kind of finding (for a fake statement: modified, fabricated or withdrawn). */
  type: string;
  title: string;
  severity: NonNullable<FindingInput['severity']>;
  claimId: string | null;
  accountKeys: string[];
  evidence: Record<string, unknown>;
  firstSeenAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
  updatedAt: Date;
};

const limit = 2000;
const isFakeStatementKind = (type: string): type is FakeStatementKind => (fakeStatementKinds as readonly string[]).includes(type);
const text = (value: string | null | undefined, max: number) => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v.slice(0, max);
};
const isUrl = (value: string) => /^https?:\/\//i.test(value) && URL.canParse(value);

/** A ClaimReview date (a day or a moment) as a moment, or null. */
export function momentOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** `platform:handle` (a finding's account key) as an account; null for anything else. */
export function accountOfKey(key: string): AccountInput | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { platform: key.slice(0, at).slice(0, 40), handle: key.slice(at + 1).slice(0, 200) };
}

/** A shared object key (`url:host/path`) as the address it stands for; null for text clusters. */
export function urlOfObject(key: string): string | null {
  if (!key.startsWith('url:')) return null;
  const url = `https://${key.slice(4)}`;
  return isUrl(url) ? url : null;
}

export function claimInputOf(c: StoredClaim): ClaimInput {
  const debunkUrl = c.url && isUrl(c.url) ? c.url : null;
  return {
    id: c.id,
    claimReviewed: c.claimReviewed.slice(0, 5000),
    language: c.language && c.language !== 'und' ? c.language : null,
    rating: text(c.rating.alternateName, 100),
    summary: text(c.summary ?? c.disproof, 5000),
    narrative: c.narrative ? { id: c.narrative.id, name: c.narrative.name.slice(0, 300) } : null,
    debunk: debunkUrl || c.reviewAuthor ? { url: debunkUrl, author: text(c.reviewAuthor, 300), publishedAt: momentOf(c.datePublished) } : null,
    appearances: c.appearanceUrls.filter(isUrl).slice(0, 500),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

type NetworkEvidence = { objects?: { objectId?: unknown; key?: unknown; id?: unknown }[]; timeline?: { accountId?: unknown; at?: unknown; itemId?: unknown }[]; firstAt?: unknown; lastAt?: unknown };

function networkEvidence(f: StoredFinding): NetworkEvidence | null {
  const n = f.detector === 'coordination' ? f.evidence.network : null;
  return typeof n === 'object' && n !== null ? (n as NetworkEvidence) : null;
}

function sharedUrls(evidence: NetworkEvidence): string[] {
  const keys = (evidence.objects ?? []).map((o) => [o.objectId, o.key, o.id].find((v) => typeof v === 'string') as string | undefined);
  return [...new Set(keys.flatMap((k) => (k ? [urlOfObject(k)] : [])).filter((u): u is string => u !== null))];
}

const accountsOf = (f: StoredFinding) => f.accountKeys.flatMap((k) => accountOfKey(k) ?? []);
const dateOf = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

/**
 * A finding as the mapper wants it: its accounts, what they point at (the look-alike account, the
 * shared links) as indicators, the impersonated account, the claim it matched, and its items —
 * a coordination finding's shares from its timeline, any other finding's stored items as given.
 */
export function findingInputOf(f: StoredFinding, opts: { claims: ReadonlyMap<string, ClaimInput>; items: readonly EvidenceItemInput[] }): FindingInput {
  const accounts = accountsOf(f);
  const network = networkEvidence(f);
  const official = f.detector === 'impersonation' ? (f.evidence.official as { platform?: unknown; handle?: unknown; displayName?: unknown } | undefined) : undefined;
  const shares = (network?.timeline ?? []).flatMap((s) => {
    const publishedAt = dateOf(s.at);
    return typeof s.itemId === 'string' && publishedAt ? [{ id: s.itemId, publishedAt, account: typeof s.accountId === 'string' ? accountOfKey(s.accountId) : null }] : [];
  });
  const indicators: IndicatorInput[] = [
    ...(f.detector === 'impersonation' ? accounts.map((a) => ({ kind: 'account' as const, platform: a.platform, handle: a.handle })) : []),
    ...(network ? sharedUrls(network).map((value) => ({ kind: 'url' as const, value })) : []),
  ];
  return {
    id: f.id,
    detector: f.detector,
    title: f.title.slice(0, 300),
    severity: f.severity,
    fakeStatementKind: f.detector === 'fake-statement' && isFakeStatementKind(f.type) ? sharedFakeStatementKind(f.type) : null,
    items: (network ? shares : opts.items).slice(0, limit),
    accounts: accounts.slice(0, limit),
    indicators: indicators.slice(0, limit),
    claim: f.claimId ? (opts.claims.get(f.claimId) ?? null) : null,
    impersonated: typeof official?.platform === 'string' && typeof official.handle === 'string' ? { platform: official.platform, handle: official.handle, displayName: typeof official.displayName === 'string' ? official.displayName : null } : null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** A coordination finding's network as its own record (accounts and the links they shared), or null. */
export function networkInputOf(f: StoredFinding): NetworkInput | null {
  const network = networkEvidence(f);
  if (!network) return null;
  return {
    id: f.id,
    name: f.title.slice(0, 300),
    accounts: accountsOf(f).slice(0, 5000),
    sharedUrls: sharedUrls(network).slice(0, 5000),
    firstSeen: dateOf(network.firstAt) ?? f.firstSeenAt,
    lastSeen: dateOf(network.lastAt) ?? f.lastSeenAt,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

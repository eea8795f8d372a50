import { type ClaimDto, type FakeStatementKind, type FindingDto, fakeStatementKinds, type StixExportRequest, sharedFakeStatementKind } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { stixExportRequest } from '@diplodesk/contracts';

type Records = z.input<typeof stixExportRequest>;
type ClaimRecord = NonNullable<Records['claims']>[number];
type FindingRecord = NonNullable<Records['findings']>[number];
type NetworkRecord = NonNullable<Records['networks']>[number];
type AccountRecord = { platform: string; handle: string; displayName?: string | null };

const isFakeStatementKind = (type: string): type is FakeStatementKind => (fakeStatementKinds as readonly string[]).includes(type);

const text = (value: string | null | undefined, max: number) => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v.slice(0, max);
};
const isUrl = (value: string) => /^https?:\/\//i.test(value) && URL.canParse(value);

/** A ClaimReview date (a day or a moment) as an ISO moment, or null. */
export function isoMoment(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00.000Z`;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `platform:handle` (a finding's account key) as an account; null for anything else. */
export function accountOfKey(key: string): AccountRecord | null {
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

export function claimRecord(c: ClaimDto, narrativeName?: string): ClaimRecord {
  const debunkUrl = c.url && isUrl(c.url) ? c.url : null;
  return {
    id: c.id,
    claimReviewed: c.claimReviewed.slice(0, 5000),
    language: c.language && c.language !== 'und' ? c.language : null,
    rating: text(c.reviewRating.alternateName, 100),
    summary: text(c.summary ?? c.disproof, 5000),
    narrative: c.narrativeId && narrativeName ? { id: c.narrativeId, name: narrativeName.slice(0, 300) } : null,
    debunk: debunkUrl || c.reviewAuthor ? { url: debunkUrl, author: text(c.reviewAuthor, 300), publishedAt: isoMoment(c.datePublished) } : null,
    appearances: c.itemReviewed.appearanceUrls.filter(isUrl).slice(0, 500),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

type NetworkEvidence = { objects?: { objectId?: unknown; key?: unknown; id?: unknown }[]; timeline?: { accountId?: unknown; at?: unknown; itemId?: unknown }[]; firstAt?: unknown; lastAt?: unknown };

function networkEvidence(f: FindingDto): NetworkEvidence | null {
  const n = f.evidence.network;
  return typeof n === 'object' && n !== null ? (n as NetworkEvidence) : null;
}

function sharedUrls(evidence: NetworkEvidence): string[] {
  const keys = (evidence.objects ?? []).map((o) => [o.objectId, o.key, o.id].find((v) => typeof v === 'string') as string | undefined);
  return [...new Set(keys.flatMap((k) => (k ? [urlOfObject(k)] : [])).filter((u): u is string => u !== null))];
}

/**
 * A finding as the export wants it: its accounts, what they point at (the look-alike account, the
 * shared links) as indicators, the impersonated account, the claim it matched, and — for a
 * coordination finding — the shares of its timeline as observed items.
 */
export function findingRecord(f: FindingDto, claims: ReadonlyMap<string, ClaimRecord>): FindingRecord {
  const accounts = f.accountKeys.flatMap((k) => {
    const a = accountOfKey(k);
    return a ? [a] : [];
  });
  const network = f.detector === 'coordination' ? networkEvidence(f) : null;
  const official = f.detector === 'impersonation' ? (f.evidence.official as { platform?: unknown; handle?: unknown; displayName?: unknown } | undefined) : undefined;
  const items = (network?.timeline ?? []).flatMap((s) => (typeof s.itemId === 'string' && typeof s.at === 'string' ? [{ id: s.itemId, publishedAt: s.at, account: typeof s.accountId === 'string' ? accountOfKey(s.accountId) : null }] : []));
  const indicators: FindingRecord['indicators'] = [
    ...(f.detector === 'impersonation' ? accounts.map((a) => ({ kind: 'account' as const, platform: a.platform, handle: a.handle })) : []),
    ...(network ? sharedUrls(network).map((value) => ({ kind: 'url' as const, value })) : []),
  ];
  return {
    id: f.id,
    detector: f.detector,
    title: f.title.slice(0, 300),
    severity: f.severity,
    fakeStatementKind: f.detector === 'fake-statement' && isFakeStatementKind(f.type) ? sharedFakeStatementKind(f.type) : null,
    items: items.slice(0, 2000),
    accounts: accounts.slice(0, 2000),
    indicators: indicators.slice(0, 2000),
    claim: f.claimId ? (claims.get(f.claimId) ?? null) : null,
    impersonated: typeof official?.platform === 'string' && typeof official.handle === 'string' ? { platform: official.platform, handle: official.handle, displayName: typeof official.displayName === 'string' ? official.displayName : null } : null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** A coordination finding's network as its own record (accounts and the links they shared), or null. */
export function networkRecord(f: FindingDto): NetworkRecord | null {
  const network = f.detector === 'coordination' ? networkEvidence(f) : null;
  if (!network) return null;
  return {
    id: f.id,
    name: f.title.slice(0, 300),
    accounts: f.accountKeys.flatMap((k) => {
      const a = accountOfKey(k);
      return a ? [a] : [];
    }),
    sharedUrls: sharedUrls(network),
    firstSeen: typeof network.firstAt === 'string' ? network.firstAt : f.firstSeenAt,
    lastSeen: typeof network.lastAt === 'string' ? network.lastAt : f.lastSeenAt,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** What the export sends: the chosen findings and claims (a finding's matched claim comes with it). */
export function exportRecords(input: { tlp: StixExportRequest['tlp']; findings: FindingDto[]; claims: ClaimDto[]; narratives: ReadonlyMap<string, string> }): Records {
  const claims = input.claims.map((c) => claimRecord(c, c.narrativeId ? input.narratives.get(c.narrativeId) : undefined));
  const byId = new Map(claims.map((c) => [c.id, c]));
  return {
    tlp: input.tlp,
    claims,
    findings: input.findings.map((f) => findingRecord(f, byId)),
    networks: input.findings.flatMap((f) => {
      const n = networkRecord(f);
      return n ? [n] : [];
    }),
    officialAccounts: [],
  };
}

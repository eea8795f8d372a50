import { z } from 'zod';
import { isoDateTime, plainText, uuid } from './common.ts';
import { findingDetectors, sharedFakeStatementKinds } from './integrity.ts';

// Threat sharing (issue 13, item 7): partner organisations, TAXII collections and who may use
// them, and the STIX bundles the ministry publishes or receives. The TAXII 2.1 API itself is
// specified by OASIS and served under /taxii2/; these are the staff routes under /api/v1.

export const tlpLevel = z.enum(['white', 'green', 'amber', 'red']);
export type TlpLevelName = z.infer<typeof tlpLevel>;

/** What a partner token may do: read collections, or read and add to them. */
export const partnerTokenAccess = z.enum(['read', 'read-write']);

export const createSharingPartnerRequest = z.object({
  name: plainText(1, 200),
  contact: plainText(1, 300).nullable().default(null),
});
export const updateSharingPartnerRequest = z.object({
  name: plainText(1, 200).optional(),
  contact: plainText(1, 300).nullable().optional(),
  /** A disabled partner's tokens are revoked and its account refused. */
  enabled: z.boolean().optional(),
});

export const sharingTokenDto = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
});

export const sharingAccessDto = z.object({ collectionId: uuid, canRead: z.boolean(), canWrite: z.boolean() });

export const sharingPartnerDto = z.object({
  id: uuid,
  name: z.string(),
  contact: z.string().nullable(),
  enabled: z.boolean(),
  /** The identity account its tokens belong to (role `partner`). */
  accountId: uuid,
  access: z.array(sharingAccessDto),
  tokens: z.array(sharingTokenDto),
  createdAt: isoDateTime,
});
export type SharingPartnerDto = z.infer<typeof sharingPartnerDto>;
export const sharingPartnerListResponse = z.object({ items: z.array(sharingPartnerDto) });

export const issuePartnerTokenRequest = z.object({
  name: plainText(1, 100),
  access: partnerTokenAccess,
  /** Days until it stops working; null for a token that must be revoked by hand. */
  expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
});
export const issuePartnerTokenResponse = z.object({ token: sharingTokenDto, secret: z.string() });

export const sharingCollectionAlias = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Lower-case letters, digits and hyphens');

export const createSharingCollectionRequest = z.object({
  title: plainText(1, 200),
  description: plainText(1, 2000).nullable().default(null),
  alias: sharingCollectionAlias.nullable().default(null),
});
export const updateSharingCollectionRequest = z.object({
  title: plainText(1, 200).optional(),
  description: plainText(1, 2000).nullable().optional(),
  alias: sharingCollectionAlias.nullable().optional(),
});

export const sharingCollectionDto = z.object({
  id: uuid,
  title: z.string(),
  description: z.string().nullable(),
  alias: z.string().nullable(),
  objectCount: z.number().int(),
  /** The partners that may use it. */
  access: z.array(z.object({ partnerId: uuid, partnerName: z.string(), canRead: z.boolean(), canWrite: z.boolean() })),
  createdAt: isoDateTime,
});
export const sharingCollectionListResponse = z.object({ items: z.array(sharingCollectionDto) });

export const setSharingAccessRequest = z.object({ canRead: z.boolean(), canWrite: z.boolean() });

/** A STIX bundle (or one STIX object) as JSON; its objects are checked one by one on import. */
export const stixBundleBody = z.record(z.string(), z.unknown());

const account = z.object({
  platform: plainText(1, 40),
  handle: plainText(1, 200),
  displayName: plainText(1, 200).nullable().optional(),
  url: z.url().max(2000).nullable().optional(),
  platformUserId: plainText(1, 200).nullable().optional(),
});
const indicator = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), value: z.url().max(2000) }),
  z.object({ kind: z.literal('domain'), value: plainText(1, 253) }),
  z.object({ kind: z.literal('account'), platform: plainText(1, 40), handle: plainText(1, 200) }),
]);
const claim = z.object({
  id: uuid,
  claimReviewed: plainText(1, 5000),
  language: plainText(2, 35).nullable().optional(),
  rating: plainText(1, 100).nullable().optional(),
  summary: plainText(1, 5000).nullable().optional(),
  narrative: z.object({ id: uuid, name: plainText(1, 300) }).nullable().optional(),
  debunk: z.object({ url: z.url().max(2000).nullable().optional(), author: plainText(1, 300).nullable().optional(), publishedAt: isoDateTime.nullable().optional() }).nullable().optional(),
  appearances: z.array(z.url().max(2000)).max(500).optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
const finding = z.object({
  id: uuid,
  detector: z.enum(findingDetectors),
  title: plainText(1, 300),
  description: plainText(1, 5000).nullable().optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).nullable().optional(),
  fakeStatementKind: z.enum(sharedFakeStatementKinds).nullable().optional(),
  items: z.array(z.object({ id: plainText(1, 100), url: z.url().max(2000).nullable().optional(), publishedAt: isoDateTime, account: account.nullable().optional() })).max(2000),
  accounts: z.array(account).max(2000),
  indicators: z.array(indicator).max(2000),
  claim: claim.nullable().optional(),
  impersonated: account.nullable().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
const network = z.object({
  id: uuid,
  name: plainText(1, 300).nullable().optional(),
  accounts: z.array(account).max(5000),
  sharedUrls: z.array(z.url().max(2000)).max(5000),
  sharesText: z.boolean().optional(),
  firstSeen: isoDateTime,
  lastSeen: isoDateTime,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/** Integrity records to export as one STIX bundle (findings, claims, networks, official accounts); times are ISO 8601. */
export const stixExportRequest = z.object({
  tlp: tlpLevel.default('green'),
  claims: z.array(claim).max(500).default([]),
  findings: z.array(finding).max(500).default([]),
  networks: z.array(network).max(100).default([]),
  officialAccounts: z.array(account).max(500).default([]),
});
export type StixExportRequest = z.output<typeof stixExportRequest>;

const detectorName = z.enum(['claim-match', 'coordination', 'impersonation', 'fake-statement']);
/**
 * What to export, chosen by id or by filter; the server builds the bundle from its stored records,
 * only those the caller may read. A kind left null is not exported; a kind given without ids takes
 * every record matching its filters (at most 500).
 */
export const stixExportSelection = z
  .object({
    tlp: tlpLevel.default('green'),
    findings: z.object({ ids: z.array(uuid).min(1).max(500).optional(), open: z.boolean().optional(), detector: detectorName.optional() }).nullable().default(null),
    claims: z.object({ ids: z.array(uuid).min(1).max(500).optional(), narrativeId: uuid.optional() }).nullable().default(null),
    /** The official accounts of the caller's units, so partners know the authentic ones. */
    officialAccounts: z.boolean().default(false),
  })
  .refine((s) => s.findings !== null || s.claims !== null || s.officialAccounts, { message: 'Choose findings, claims or official accounts to export.', path: ['findings'] });
export type StixExportSelection = z.output<typeof stixExportSelection>;
/** How much a selection takes, before it is downloaded or published. */
export const stixExportPreview = z.object({ findings: z.number().int(), claims: z.number().int(), networks: z.number().int(), officialAccounts: z.number().int(), objects: z.number().int() });

export const sharingObjectOutcome = z.object({ id: z.string(), version: z.string().optional(), message: z.string().optional() });

/** What became of each object of a bundle: TAXII's status resource, as the staff API shows it. */
export const sharingImportReportDto = z.object({
  statusId: uuid.nullable(),
  bundleId: z.string().nullable(),
  total: z.number().int(),
  stored: z.number().int(),
  alreadyPresent: z.number().int(),
  successes: z.array(sharingObjectOutcome),
  failures: z.array(sharingObjectOutcome),
});
export type SharingImportReportDto = z.infer<typeof sharingImportReportDto>;

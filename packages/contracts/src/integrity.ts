import { z } from 'zod';
import { isoDateTime, plainText, policies, uuid } from './common.ts';
import { languageTag } from './statements.ts';

/** ISO 3166-1 alpha-2, upper case. */
const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'A country is its two-letter ISO code (e.g. ID).'));

/** An http(s) address, as a claim's debunk or appearance has. */
const webUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'An address must start with http:// or https://.');

/** A calendar date or a date-time (ClaimReview's `datePublished` is either). */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Long free text (a summary, a disproof): tabs and line breaks allowed, other control characters not. */
const longText = (max: number) => plainText(1, max);

/** schema.org `Rating` of a ClaimReview: the verdict in words (`alternateName`), and its number when the fact-checker gives one. */
export const claimRating = z.object({
  alternateName: plainText(1, 200),
  ratingValue: z.number().nullable().default(null),
  bestRating: z.number().nullable().default(null),
  worstRating: z.number().nullable().default(null),
});

/** The work the claim appeared in (schema.org `itemReviewed`): who said it, when, and where it was seen. */
export const claimItemReviewed = z.object({
  authorName: plainText(1, 300).nullable().default(null),
  datePublished: dateOrDateTime.nullable().default(null),
  appearanceUrls: z.array(webUrl).max(50).default([]),
});

export const claimTranslation = z.object({ language: languageTag, text: longText(4000) });

/** A claim's fields as written: ClaimReview's, EUvsDisinfo's case fields, its narrative and the unit whose items it is matched against (and below). */
const claimFields = z.object({
  unitId: uuid,
  claimReviewed: longText(4000),
  /** The fact-check's headline, when it has one (indexed as a second field). */
  headline: plainText(1, 500).nullable(),
  /** BCP 47 tag of `claimReviewed` and `headline`; `und` lets the matcher guess. */
  language: languageTag,
  itemReviewed: claimItemReviewed,
  reviewRating: claimRating,
  /** Who published the review (a fact-checker, the ministry). */
  reviewAuthor: plainText(1, 300).nullable(),
  /** The review (debunk) itself. */
  url: webUrl.nullable(),
  datePublished: dateOrDateTime.nullable(),
  /** EUvsDisinfo-style case fields. */
  outlets: z.array(plainText(1, 300)).max(100),
  targetCountries: z.array(countryCode).max(250),
  summary: longText(8000).nullable(),
  disproof: longText(8000).nullable(),
  narrativeId: uuid.nullable(),
  /** The claim in other languages (cross-language matching). */
  translations: z.array(claimTranslation).max(50),
});

const c = claimFields.shape;
export const createClaimRequest = claimFields.extend({
  headline: c.headline.default(null),
  language: c.language.default('und'),
  itemReviewed: c.itemReviewed.default({ authorName: null, datePublished: null, appearanceUrls: [] }),
  reviewAuthor: c.reviewAuthor.default(null),
  url: c.url.default(null),
  datePublished: c.datePublished.default(null),
  outlets: c.outlets.default([]),
  targetCountries: c.targetCountries.default([]),
  summary: c.summary.default(null),
  disproof: c.disproof.default(null),
  narrativeId: c.narrativeId.default(null),
  translations: c.translations.default([]),
});
export type CreateClaimRequest = z.input<typeof createClaimRequest>;
/** A change names only what it changes; `translations`, when given, replaces the list. The unit does not change. */
export const updateClaimRequest = claimFields.omit({ unitId: true }).partial();

/** The back-fill that matches stored items against a claim added or re-worded. */
export const claimBackfill = z.object({ state: z.enum(['idle', 'running', 'done', 'failed']), done: z.number().int(), total: z.number().int() });

/** A claim as answered (plain strings: response schemas carry no transforms). */
export const claimDto = z.object({
  id: uuid,
  unitId: uuid,
  claimReviewed: z.string(),
  headline: z.string().nullable(),
  language: z.string(),
  itemReviewed: z.object({ authorName: z.string().nullable(), datePublished: z.string().nullable(), appearanceUrls: z.array(z.string()) }),
  reviewRating: z.object({ alternateName: z.string(), ratingValue: z.number().nullable(), bestRating: z.number().nullable(), worstRating: z.number().nullable() }),
  reviewAuthor: z.string().nullable(),
  url: z.string().nullable(),
  datePublished: z.string().nullable(),
  outlets: z.array(z.string()),
  targetCountries: z.array(z.string()),
  summary: z.string().nullable(),
  disproof: z.string().nullable(),
  narrativeId: uuid.nullable(),
  translations: z.array(z.object({ language: z.string(), text: z.string() })),
  /** Where the claim came from: typed in, or a ClaimReview import. */
  origin: z.enum(['manual', 'import']),
  links: z.object({ auto: z.number().int(), suggested: z.number().int(), confirmed: z.number().int(), rejected: z.number().int() }),
  backfill: claimBackfill,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type ClaimDto = z.output<typeof claimDto>;
export const claimListQuery = z.object({
  unitId: uuid.optional(),
  narrativeId: uuid.optional(),
  q: plainText(0, 200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const claimListResponse = z.object({ items: z.array(claimDto), total: z.number().int(), policies });

export const claimImportQuery = z.object({ unitId: uuid });
export const claimImportResponse = z.object({ created: z.number().int(), updated: z.number().int(), ids: z.array(uuid) });
/** Why an import was refused: each entry that failed (its index in the file's list of reviews) and the reason. */
/** Why an import entry (or the whole file, index -1) was refused, as a code the interface words in its language. */
export const claimImportProblemCodes = ['not-json', 'script-not-json', 'no-reviews', 'too-many-reviews', 'not-an-object', 'not-a-claim-review', 'claim-missing', 'rating-missing', 'invalid-field'] as const;
export type ClaimImportProblemCode = (typeof claimImportProblemCodes)[number];
/** `reason` is the English sentence (API clients, logs); `code` and `params` let a screen say it in the reader's language. */
export const claimImportProblem = z.object({ index: z.number().int(), code: z.enum(claimImportProblemCodes), params: z.record(z.string(), z.union([z.string(), z.number()])), reason: z.string() });
export type ClaimImportProblem = z.output<typeof claimImportProblem>;
export const claimExportQuery = z.object({
  unitId: uuid.optional(),
  narrativeId: uuid.optional(),
  /** `true`: add the ministry's own published rebuttals of these claims, as their newsroom pages embed them (ADR 0028). */
  rebuttals: z.enum(['true', 'false']).optional(),
});

export const narrativeRequest = z.object({ unitId: uuid, name: plainText(1, 200), description: longText(4000).nullable().default(null) });
export const updateNarrativeRequest = narrativeRequest.omit({ unitId: true }).partial();
export const narrativeDto = z.object({ id: uuid, unitId: uuid, name: z.string(), description: z.string().nullable(), claims: z.number().int(), createdAt: isoDateTime, policies });
export const narrativeListResponse = z.object({ items: z.array(narrativeDto), policies });

/** States of an item ↔ claim link: set by the matcher (`auto`, `suggested`) or by a person (`confirmed`, `rejected`). */
export const claimLinkStates = ['auto', 'suggested', 'confirmed', 'rejected'] as const;
export type ClaimLinkState = (typeof claimLinkStates)[number];
export const claimLinkDto = z.object({
  id: uuid,
  itemId: uuid,
  claimId: uuid,
  unitId: uuid,
  score: z.number(),
  state: z.enum(claimLinkStates),
  decidedBy: uuid.nullable(),
  decidedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  /** The claim and its debunk, to show beside the item. */
  claim: z.object({ claimReviewed: z.string(), rating: z.string(), url: z.string().nullable(), reviewAuthor: z.string().nullable(), disproof: z.string().nullable() }),
  policies,
});
export const claimLinkListQuery = z.object({ state: z.enum(claimLinkStates).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });
export const claimLinkListResponse = z.object({ items: z.array(claimLinkDto), total: z.number().int() });

/** How far a claim has spread among collected items (links that are not rejected). */
export const claimSpreadDto = z.object({
  claimId: uuid,
  items: z.number().int(),
  accounts: z.number().int(),
  /** Countries the items mention, most first. */
  countries: z.array(z.object({ country: z.string(), items: z.number().int() })),
  /** Items per UTC day of publication. */
  perDay: z.array(z.object({ day: z.iso.date(), items: z.number().int() })),
});

/** What a threshold would give on the evaluation set (CLEF 2020 training tweets, cross-fitted). */
export const thresholdEstimate = z.object({ threshold: z.number(), precision: z.number(), recall: z.number() });
export const integritySettingsRequest = z
  .object({ autoLink: z.number().min(0).max(1), suggest: z.number().min(0).max(1) })
  .refine((s) => s.suggest <= s.autoLink, { message: 'The suggest threshold cannot be above the auto-link threshold.', path: ['suggest'] });
export const integritySettingsDto = z.object({
  autoLink: z.number(),
  suggest: z.number(),
  defaults: z.object({ autoLink: z.number(), suggest: z.number() }),
  /** Precision and recall at the chosen thresholds, and along the whole curve (for a slider). */
  estimates: z.object({ autoLink: thresholdEstimate, suggest: thresholdEstimate }),
  curve: z.array(thresholdEstimate),
  updatedAt: isoDateTime.nullable(),
  policies,
});

/** The detectors that raise findings (one table, keyed by detector and subject). */
export const findingDetectors = ['claim-match', 'coordination', 'impersonation', 'fake-statement'] as const;
export type FindingDetector = (typeof findingDetectors)[number];
/**
 * What a fake-statement finding says of an item presented as an official statement: an altered copy
 * of a signed statement (`modified`), a text no signed statement matches (`fabricated`), or a
 * withdrawn statement presented as current (`withdrawn`). It is the finding's `type`.
 */
export const fakeStatementKinds = ['modified', 'fabricated', 'withdrawn'] as const;
export type FakeStatementKind = (typeof fakeStatementKinds)[number];
/** The kinds threat sharing knows (STIX, DISARM): a withdrawn statement presented as current is an authentic document misused, shared as `modified`. */
export const sharedFakeStatementKinds = ['modified', 'fabricated'] as const;
export const sharedFakeStatementKind = (kind: FakeStatementKind): (typeof sharedFakeStatementKinds)[number] => (kind === 'fabricated' ? 'fabricated' : 'modified');
/** The cues that made an item read as an official statement (phrases, the issuer's name, a link to our newsroom). */
export const statementCueKinds = ['newsroom-link', 'framing', 'issuer', 'generic-issuer'] as const;
/** The evidence of a fake-statement finding, as stored and as the web renders it. */
export const fakeStatementEvidence = z.object({
  kind: z.enum(fakeStatementKinds),
  /** `strong`: the item names our ministry or a mission (or links our newsroom); `weak`: only a generic issuer phrase. */
  cueStrength: z.enum(['strong', 'weak']),
  cues: z.array(z.object({ kind: z.enum(statementCueKinds), text: z.string() })),
  /** The checked text (the item less its framing lines and links), as compared. */
  checkedText: z.string(),
  itemLanguage: z.string(),
  /** The signed statement it was checked against (none for a fabricated one). */
  genuine: z.object({ entryId: z.string(), title: z.string(), url: z.string(), kid: z.string(), language: z.string(), publishedAt: z.string() }).nullable(),
  /** Word diff genuine → item: `removed` is missing from the item, `added` was inserted. */
  diff: z.array(z.object({ op: z.enum(['equal', 'added', 'removed']), text: z.string() })).nullable(),
  similarity: z.number().nullable(),
  withdrawn: z.object({ at: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  /** Newsroom links in the item, and whether each names a published statement. */
  newsroomLinks: z.array(z.object({ url: z.string(), found: z.boolean() })),
});
export type FakeStatementEvidence = z.output<typeof fakeStatementEvidence>;
export const findingSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];
export const findingStatuses = ['new', 'triaged', 'resolved'] as const;
export type FindingStatus = (typeof findingStatuses)[number];
/** How a resolved finding ended. */
export const findingOutcomes = ['confirmed', 'responded', 'false-positive', 'no-action'] as const;
export type FindingOutcome = (typeof findingOutcomes)[number];

/**
 * A finding's title, by key: the English wording (kept as `title` for API clients, STIX and the
 * audit trail) is built from the template here, and the web says the same from its locale
 * strings `integrity.findingTitles.<key>` (en and id). A new detector adds one key here and one
 * string per locale; `{{name}}` placeholders are filled from the finding's `titleParams`.
 */
export const findingTitleTemplates = {
  'known-claim': '{{claim}}',
  'look-alike-account': '@{{handle}} ({{platform}}) looks like the official @{{official}}',
  'coordinated-sharing': '{{accounts}} accounts shared {{items}} items within {{seconds}} s of each other',
  'altered-statement': 'Altered copy of the statement "{{statement}}" presented as official',
  'withdrawn-statement': 'Withdrawn statement "{{statement}}" presented as current',
  'unpublished-statement-link': 'Link to a statement the newsroom never published: "{{text}}"',
  'fabricated-statement': 'Presented as an official statement, matches no signed statement: "{{text}}"',
} as const satisfies Record<string, string>;
export type FindingTitleKey = keyof typeof findingTitleTemplates;
export type FindingTitleParams = Record<string, string | number>;
export const findingTitleKeys = Object.keys(findingTitleTemplates) as FindingTitleKey[];

/** The English title of a keyed finding title (a missing parameter stays visible as its placeholder). */
export function englishFindingTitle(key: FindingTitleKey, params: FindingTitleParams): string {
  return findingTitleTemplates[key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const findingDto = z.object({
  id: uuid,
  detector: z.enum(findingDetectors),
  subjectKey: z.string(),
  type: z.string(),
  severity: z.enum(findingSeverities),
  status: z.enum(findingStatuses),
  outcome: z.enum(findingOutcomes).nullable(),
  unitId: uuid,
  /** English; `titleKey` + `titleParams` say it in any interface language (null for findings raised before keys). */
  title: z.string(),
  titleKey: z.string().nullable(),
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  assigneeId: uuid.nullable(),
  claimId: uuid.nullable(),
  itemIds: z.array(uuid),
  /** Every item counted (item ids keep the first 200). */
  itemCount: z.number().int(),
  accountKeys: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  triagedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  resolvedBy: uuid.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type FindingDto = z.output<typeof findingDto>;
export const findingCommentDto = z.object({ id: uuid, findingId: uuid, authorId: uuid.nullable(), authorName: z.string().nullable(), text: z.string(), createdAt: isoDateTime });
/** One finding with its comments and the name of the person it is assigned to. */
export const findingDetailDto = findingDto.extend({ comments: z.array(findingCommentDto), assigneeName: z.string().nullable() });
/** People by name: who a finding may be assigned to (active, and may read the findings of its unit), or who holds findings. */
export const findingAssigneesResponse = z.object({ items: z.array(z.object({ id: uuid, name: z.string() })) });
export const findingListQuery = z.object({
  status: z.enum(findingStatuses).optional(),
  /** `open` = new or triaged. */
  open: z.enum(['true', 'false']).optional(),
  detector: z.enum(findingDetectors).optional(),
  severity: z.enum(findingSeverities).optional(),
  /** A user id, or `me`, or `none` for unassigned findings. */
  assignee: z.union([uuid, z.enum(['me', 'none'])]).optional(),
  unitId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const findingListResponse = z.object({ items: z.array(findingDto), total: z.number().int() });
export const findingCountsDto = z.object({ open: z.number().int(), new: z.number().int(), assignedToMe: z.number().int(), byDetector: z.record(z.string(), z.number().int()) });

export const triageFindingRequest = z.object({ severity: z.enum(findingSeverities).optional() });
export const assignFindingRequest = z.object({ assigneeId: uuid.nullable() });
export const commentFindingRequest = z.object({ text: longText(4000) });
export const resolveFindingRequest = z.object({ outcome: z.enum(findingOutcomes), note: longText(4000).optional() });

/** Live events (on `/api/live`) the web listens to: a finding raised, a finding changed (new evidence, triage, …). Both carry the finding's id, detector, severity and status; refresh the navigation's count on either. */
export const integrityLiveEvents = { findingRaised: 'integrity.finding-raised', findingChanged: 'integrity.finding-changed' } as const;

/** Platforms an official account may be on (listening's connectors and the publishing channels). */
const platformName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A platform is a short lower-case name (x, mastodon, bluesky …).');

/** One of the ministry's or a mission's own accounts, which look-alikes are compared with. `origin: channel` rows come from the connected publishing channels and are read-only here. */
export const officialAccountRequest = z.object({
  unitId: uuid,
  platform: platformName,
  handle: plainText(1, 200).transform((h) => h.replace(/^@/, '')),
  displayName: plainText(1, 200).nullable().default(null),
  /** The platform's own account id, when known. */
  remoteAccountId: plainText(1, 200).nullable().default(null),
});
export const updateOfficialAccountRequest = officialAccountRequest.omit({ unitId: true, platform: true }).partial();
export const officialAccountDto = z.object({
  /** The registry row's id, or the channel account's id for `origin: channel`. */
  id: uuid,
  unitId: uuid,
  platform: z.string(),
  handle: z.string(),
  displayName: z.string().nullable(),
  remoteAccountId: z.string().nullable(),
  origin: z.enum(['manual', 'channel']),
  createdAt: isoDateTime,
  policies,
});
export type OfficialAccountDto = z.output<typeof officialAccountDto>;
export const officialAccountListResponse = z.object({ items: z.array(officialAccountDto), policies });

/** A coordination finding's network, for the graph view: accounts, co-share edges and the timeline of shares. */
export const findingNetworkDto = z.object({
  findingId: uuid,
  /** The coordination window used, in seconds, and how it was found (`estimated`, `fixed`, `default`). */
  window: z.object({ seconds: z.number(), source: z.string() }),
  nodes: z.array(z.object({ id: z.string(), label: z.string(), degree: z.number().int(), strength: z.number() })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), weight: z.number().int(), objects: z.array(z.string()) })),
  /** Every share in the evidence, oldest first. */
  timeline: z.array(z.object({ accountId: z.string(), objectId: z.string(), at: isoDateTime, itemId: uuid.nullable() })),
});
export type FindingNetworkDto = z.output<typeof findingNetworkDto>;

/** Where a polled ClaimReview feed stands: `ok`, `failing` (its last poll failed; the reason is in `lastError`), `paused` or `new` (never polled). */
export const claimFeedStatus = z.enum(['new', 'ok', 'failing', 'paused']);
export type ClaimFeedStatus = z.output<typeof claimFeedStatus>;

/**
 * A ClaimReview feed polled like a listening source: a JSON-LD document (a ClaimReview, a list, a
 * `@graph` or a DataFeed) or an HTML page whose `<script type="application/ld+json">` blocks hold
 * ClaimReviews, fetched through the outbound guard every `intervalSeconds`.
 */
export const claimFeedRequest = z.object({
  unitId: uuid,
  name: plainText(1, 200),
  url: webUrl,
  intervalSeconds: z.number().int().min(300).max(7 * 86_400).default(3600),
  enabled: z.boolean().default(true),
});
export const updateClaimFeedRequest = claimFeedRequest.omit({ unitId: true }).partial();

/**
 * Why a poll failed: `unreachable` (refused by the outbound guard, or no answer), `http-status` (an
 * error status), `rate-limited` (429, or 503 with Retry-After), `too-large`, `content-type` (not
 * JSON-LD or HTML), `not-json` (a JSON-LD document that does not parse), `no-claim-review` (nothing
 * in it is a ClaimReview).
 */
export const claimFeedErrorCode = z.enum(['unreachable', 'http-status', 'rate-limited', 'too-large', 'content-type', 'not-json', 'no-claim-review']);
export type ClaimFeedErrorCode = z.output<typeof claimFeedErrorCode>;

/** One entry of a feed that could not be read as a claim (the rest of the feed was imported). */
export const claimFeedProblem = claimImportProblem;

export const claimFeedDto = z.object({
  id: uuid,
  unitId: uuid,
  name: z.string(),
  url: z.string(),
  intervalSeconds: z.number().int(),
  enabled: z.boolean(),
  status: claimFeedStatus,
  lastPolledAt: isoDateTime.nullable(),
  /** The last poll that read the feed (a 304 counts: nothing had changed). */
  lastOkAt: isoDateTime.nullable(),
  lastErrorAt: isoDateTime.nullable(),
  /** Why the last poll failed (a code the screen words, and its detail: a status, a type, a size); null after a good poll. */
  lastError: z.object({ code: claimFeedErrorCode, detail: z.string().nullable() }).nullable(),
  consecutiveFailures: z.number().int(),
  nextPollAt: isoDateTime.nullable(),
  /** Claims this feed added and updated, over its life. */
  claimsCreated: z.number().int(),
  claimsUpdated: z.number().int(),
  /** The last poll's result: reviews found, added, updated, and the entries skipped with why (at most 50). */
  lastResult: z
    .object({ notModified: z.boolean(), reviews: z.number().int(), created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), problems: z.array(claimFeedProblem) })
    .nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type ClaimFeedDto = z.output<typeof claimFeedDto>;
export const claimFeedListQuery = z.object({ unitId: uuid.optional() });
export const claimFeedListResponse = z.object({ items: z.array(claimFeedDto), policies });
/** A statement that rebuts a finding or a claim (ADR 0028): its state, and its newsroom page once published. */
export const rebuttalDto = z.object({
  statementId: uuid,
  /** What it responds to: the finding or claim itself, or (on a claim) one of the claim's findings. */
  respondsTo: z.object({ type: z.enum(['integrity-finding', 'integrity-claim']), id: uuid }),
  title: z.string(),
  status: z.string(),
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  /** The public newsroom page of a published rebuttal (primary language). */
  newsroomUrl: z.string().nullable(),
});
export type RebuttalDto = z.output<typeof rebuttalDto>;
export const rebuttalListResponse = z.object({
  items: z.array(rebuttalDto),
  /**
   * The first rebuttal drafted (the one timed, as alerts time their response): when it was drafted
   * and published, and minutes from the finding being raised to its publication. Findings only.
   */
  response: z.object({ statementId: uuid, draftedAt: isoDateTime.nullable(), publishedAt: isoDateTime.nullable(), minutesToPublish: z.number().int().nullable() }).nullable(),
  /** Rebuttals the caller may not read are counted, not shown. */
  hidden: z.number().int(),
});
export type RebuttalListResponse = z.output<typeof rebuttalListResponse>;

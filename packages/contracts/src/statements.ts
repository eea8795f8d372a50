import { z } from 'zod';
import { isoDateTime, plainText, policies, timeZone, uuid } from './common.ts';
import { roles } from './permissions.ts';

export const statementKinds = ['press-release', 'statement', 'speech', 'social-post', 'reply'] as const;
export type StatementKind = (typeof statementKinds)[number];
export const statementKind = z.enum(statementKinds);

/**
 * - `draft`: being written (also after "request changes", with the reason on the record).
 * - `in-clearance`: submitted; steps decide in order.
 * - `cleared`: every step approved; waits for a time to publish.
 * - `scheduled`: signed, newsroom page and posts wait for `scheduledAt`.
 * - `published`: live on the newsroom; posts go out (their own states).
 * - `rejected`, `expired` (clearance still pending at the scheduled time), `withdrawn`: final.
 */
export const statementStatuses = ['draft', 'in-clearance', 'cleared', 'scheduled', 'published', 'rejected', 'expired', 'withdrawn'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const controlInBody = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Multi-line text (a statement body): newlines allowed, other control characters refused. */
export const bodyText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !controlInBody.test(v), 'Must not contain control characters');

/** A BCP 47 language tag (`id`, `en`, `ar`, `zh-Hant`, `pt-BR`), canonicalised. */
export const languageTag = z
  .string()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: 'Not a BCP 47 language tag' });
    return z.NEVER;
  });

/** Limits of one language's text, in characters (UTF-16 code units, as a browser counts them). */
export const statementLimits = { title: 300, body: 100_000 } as const;

/** A title and body in one language, as sent (validated, language canonicalised). */
export const statementTextInput = z.object({
  language: languageTag,
  title: plainText(0, statementLimits.title),
  body: bodyText(statementLimits.body),
});

/** A statement's texts: a draft may leave translations empty, but it needs a title in some language. */
const statementTexts = z
  .array(statementTextInput)
  .min(1)
  .max(20)
  .refine((texts) => texts.some((text) => text.title !== ''), 'A statement needs a title in at least one language');
/** The same, as answered (responses are serialised without transforms). */
export const statementText = z.object({ language: z.string(), title: z.string(), body: z.string() });
export type StatementText = z.infer<typeof statementText>;

/** The text for one connected channel account, derived from a language's body and editable. */
export const statementVariantInput = z.object({
  channelAccountId: uuid,
  language: languageTag,
  text: bodyText(70_000),
  /** YouTube's video title. */
  title: plainText(0, 300).nullable().default(null),
});
export const statementVariant = z.object({ channelAccountId: z.string(), language: z.string(), text: z.string(), title: z.string().nullable() });
export type StatementVariant = z.infer<typeof statementVariant>;

/** The platforms the publishing connectors define; a statement may hold a text for one before any account of it is connected. */
export const postPlatforms = ['x', 'mastodon', 'bluesky', 'facebook', 'telegram', 'youtube'] as const;
export type PostPlatform = (typeof postPlatforms)[number];

/**
 * A text prepared for a platform the unit has no connected account on. It is kept with the
 * statement (versioned like the rest) but never posted: connecting an account and turning its
 * variant on is what sends it.
 */
export const platformTextInput = z.object({
  platform: z.enum(postPlatforms),
  language: languageTag,
  text: bodyText(70_000),
  /** YouTube's video title. */
  title: plainText(0, 300).nullable().default(null),
});
export const platformText = z.object({ platform: z.string(), language: z.string(), text: z.string(), title: z.string().nullable() });
export type PlatformText = z.infer<typeof platformText>;

export const attachmentDto = z.object({
  id: uuid,
  fileName: z.string(),
  mimeType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  altText: z.string().nullable(),
  createdAt: isoDateTime,
});
export type AttachmentDto = z.infer<typeof attachmentDto>;

export const approverRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: uuid }),
  z.object({ kind: z.literal('role'), role: z.enum(roles) }),
]);
export type ApproverRef = z.infer<typeof approverRef>;

export const clearanceStep = z.object({
  name: plainText(1, 120),
  mode: z.enum(['any', 'all']),
  approvers: z.array(approverRef).min(1).max(20),
});

/** Roles a chain may name: only those that can approve (four eyes — an editor clears nothing). */
export const approvingRoles = ['approver', 'admin'] as const satisfies readonly (typeof roles)[number][];
const savedApproverRef = z.discriminatedUnion('kind', [z.object({ kind: z.literal('user'), userId: uuid }), z.object({ kind: z.literal('role'), role: z.enum(approvingRoles) })]);
/** A step as saved in a chain: roles limited to those that can approve. */
export const savedClearanceStep = clearanceStep.extend({ approvers: z.array(savedApproverRef).min(1).max(20) });
export type ClearanceStep = z.infer<typeof clearanceStep>;

export const clearanceChainDto = z.object({
  id: uuid,
  unitId: uuid,
  kind: statementKind.nullable(),
  name: z.string(),
  fastTrack: z.boolean(),
  steps: z.array(clearanceStep),
  /** Display names of the users named in the steps. */
  userNames: z.record(z.string(), z.string()),
  updatedAt: isoDateTime,
  policies,
});
export type ClearanceChainDto = z.infer<typeof clearanceChainDto>;

export const saveClearanceChainRequest = z.object({
  unitId: uuid,
  /** Null: the chain for every kind the unit has no specific chain for. */
  kind: statementKind.nullable(),
  name: plainText(1, 120),
  fastTrack: z.boolean().default(false),
  steps: z.array(savedClearanceStep).min(1).max(10),
});
export type SaveClearanceChainRequest = z.infer<typeof saveClearanceChainRequest>;
export const clearanceChainListResponse = z.object({ items: z.array(clearanceChainDto), policies });

export const clearanceDecisionKinds = ['approve', 'request-changes', 'reject'] as const;
export type ClearanceDecisionKind = (typeof clearanceDecisionKinds)[number];

export const clearanceDecisionDto = z.object({
  id: uuid,
  round: z.number().int(),
  stepIndex: z.number().int(),
  approverId: uuid,
  approverName: z.string(),
  decision: z.enum(clearanceDecisionKinds),
  reason: z.string().nullable(),
  version: z.number().int(),
  /** False once an edit made the approval stale. */
  valid: z.boolean(),
  at: isoDateTime,
});
export type ClearanceDecisionDto = z.infer<typeof clearanceDecisionDto>;

export const clearanceStepState = z.enum(['waiting', 'current', 'approved', 'changes-requested', 'rejected']);
export const clearanceDto = z.object({
  chainName: z.string(),
  fastTrack: z.boolean(),
  round: z.number().int(),
  steps: z.array(
    clearanceStep.extend({
      state: clearanceStepState,
      satisfied: z.number().int(),
      needed: z.number().int(),
      /**
       * While the statement is in clearance: the people who can decide this step now (approvers it
       * names who did not change the text of this round), at most 10 named, and how many in all.
       */
      deciders: z.object({ names: z.array(z.string()).max(10), count: z.number().int() }).nullable(),
    }),
  ),
  currentStep: z.number().int().nullable(),
  userNames: z.record(z.string(), z.string()),
  /** Every decision ever made on this statement, all rounds (permanent record). */
  decisions: z.array(clearanceDecisionDto),
  /** Why the caller cannot decide the current step (null when they can, or nothing is pending). */
  decideBlocked: z.enum(['changed-text', 'not-an-approver', 'already-decided', 'not-current']).nullable(),
});
export type ClearanceDto = z.infer<typeof clearanceDto>;


export const statementPublicationDto = z.object({
  id: uuid,
  channelAccountId: uuid,
  platform: z.string(),
  handle: z.string(),
  state: z.string(),
  scheduledAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  remoteUrl: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** What a statement may respond to: another statement, a collected item, an alert, an integrity finding or a registered claim. */
export const responseTargetTypes = ['statement', 'listening-item', 'insights-alert', 'integrity-finding', 'integrity-claim'] as const;
export type ResponseTargetType = (typeof responseTargetTypes)[number];

/**
 * The claim a rebuttal reviews, copied from the claims registry when the draft is created (ADR 0028)
 * and signed with each language version: the newsroom's ClaimReview is built from it.
 */
export const claimReviewed = z.object({
  claimId: z.string(),
  /** The claim's text as registered. */
  text: z.string(),
  language: z.string(),
  /** The rating's name ("False", "Misleading") and its value on the scale, when the registry has one. */
  rating: z.object({ alternateName: z.string(), ratingValue: z.number().nullable(), bestRating: z.number().nullable(), worstRating: z.number().nullable() }),
  /** Who made the claim, where it appeared and when, when known. */
  author: z.string().nullable(),
  appearances: z.array(z.string()),
  datePublished: z.string().nullable(),
});
export type ClaimReviewed = z.infer<typeof claimReviewed>;

export const statementDto = z.object({
  id: uuid,
  unitId: uuid,
  unitName: z.string(),
  kind: statementKind,
  status: z.enum(statementStatuses),
  primaryLanguage: z.string(),
  audienceTimeZone: z.string(),
  scheduledAt: isoDateTime.nullable(),
  tags: z.array(z.string()),
  texts: z.array(statementText),
  variants: z.array(statementVariant),
  /** Texts for platforms without a connected account: kept, never posted. */
  platformTexts: z.array(platformText),
  attachments: z.array(attachmentDto),
  version: z.number().int(),
  createdBy: z.object({ id: uuid.nullable(), name: z.string() }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Set while "request changes" sent it back to draft. */
  changesRequested: z.object({ reason: z.string(), by: z.string(), at: isoDateTime }).nullable(),
  clearance: clearanceDto.nullable(),
  respondsTo: z.object({ type: z.enum(responseTargetTypes), id: z.string(), title: z.string(), review: claimReviewed.nullable() }).nullable(),
  withdrawn: z.object({ at: isoDateTime, reason: z.string() }).nullable(),
  newsroom: z.array(z.object({ language: z.string(), url: z.string() })),
  publications: z.array(statementPublicationDto),
  policies,
});
export type StatementDto = z.infer<typeof statementDto>;

export const statementSummaryDto = statementDto.pick({
  id: true,
  unitId: true,
  unitName: true,
  kind: true,
  status: true,
  primaryLanguage: true,
  scheduledAt: true,
  tags: true,
  version: true,
  createdBy: true,
  updatedAt: true,
}).extend({ title: z.string(), languages: z.array(z.string()) });
export type StatementSummaryDto = z.infer<typeof statementSummaryDto>;

export const statementListQuery = z.object({
  unitId: uuid.optional(),
  status: z.enum(statementStatuses).optional(),
  q: plainText(0, 200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `updatedAt|id` of the last item seen (keyset paging, newest first). */
  cursor: z.string().max(200).optional(),
});
export const statementListResponse = z.object({ items: z.array(statementSummaryDto), nextCursor: z.string().nullable(), policies });

export const createStatementRequest = z.object({
  unitId: uuid,
  kind: statementKind,
  primaryLanguage: languageTag,
  audienceTimeZone: timeZone,
  texts: statementTexts,
  tags: z.array(plainText(1, 60)).max(30).default([]),
  templateId: uuid.optional(),
  respondsTo: z.object({ type: z.enum(responseTargetTypes), id: z.string().max(200) }).optional(),
});
export type CreateStatementRequest = z.infer<typeof createStatementRequest>;

export const updateStatementRequest = z.object({
  /** The version the editor started from; a newer one on the server means a conflict. */
  baseVersion: z.number().int().min(1),
  kind: statementKind.optional(),
  primaryLanguage: languageTag.optional(),
  audienceTimeZone: timeZone.optional(),
  texts: statementTexts.optional(),
  variants: z.array(statementVariantInput).max(60).optional(),
  platformTexts: z.array(platformTextInput).max(postPlatforms.length).optional(),
  tags: z.array(plainText(1, 60)).max(30).optional(),
  /** Ids of attachments to keep (upload adds; omission here removes). */
  attachmentIds: z.array(uuid).max(20).optional(),
  note: plainText(0, 300).optional(),
});
export type UpdateStatementRequest = z.infer<typeof updateStatementRequest>;

export const submitStatementRequest = z.object({
  baseVersion: z.number().int().min(1),
  /** Use the unit's fast-track chain (rapid response) when it has one. */
  fastTrack: z.boolean().default(false),
  /** When the statement should go out, if already known (clearance pending then expires). */
  scheduledAt: isoDateTime.nullable().default(null),
});

export const decideClearanceRequest = z
  .object({
    baseVersion: z.number().int().min(1),
    decision: z.enum(clearanceDecisionKinds),
    reason: bodyText(2000).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.trim().length > 0), {
    message: 'A reason is needed to request changes or reject',
    path: ['reason'],
  });

export const scheduleStatementRequest = z.object({
  /** Null: publish now. */
  scheduledAt: isoDateTime.nullable(),
});

export const withdrawStatementRequest = z.object({ reason: plainText(3, 1000) });

export const statementVersionDto = z.object({
  number: z.number().int(),
  createdAt: isoDateTime,
  authorName: z.string(),
  note: z.string().nullable(),
  texts: z.array(statementText),
  variants: z.array(statementVariant),
  attachmentIds: z.array(z.string()),
});
export const statementVersionListResponse = z.object({
  items: z.array(statementVersionDto.omit({ texts: true, variants: true, attachmentIds: true }).extend({ comments: z.number().int() })),
});
export const diffSegment = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const statementDiffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(z.object({ field: z.string(), language: z.string().nullable(), segments: z.array(diffSegment), changed: z.boolean() })),
});
export type StatementDiffResponse = z.infer<typeof statementDiffResponse>;

export const commentDto = z.object({
  id: uuid,
  version: z.number().int(),
  authorId: uuid.nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: isoDateTime,
});
export const commentListResponse = z.object({ items: z.array(commentDto) });
export const createCommentRequest = z.object({ version: z.number().int().min(1), body: bodyText(5000).refine((v) => v.trim().length > 0, 'Required') });

export const templateKinds = ['condolence', 'congratulation', 'travel-advisory', 'rapid-rebuttal', 'other'] as const;
export const templateDto = z.object({
  id: uuid,
  unitId: uuid.nullable(),
  purpose: z.enum(templateKinds),
  statementKind: statementKind,
  name: z.string(),
  texts: z.array(statementText),
  updatedAt: isoDateTime,
  policies,
});
export const templateListResponse = z.object({ items: z.array(templateDto), policies });
export const saveTemplateRequest = z.object({
  unitId: uuid.nullable(),
  purpose: z.enum(templateKinds),
  statementKind: statementKind,
  name: plainText(1, 120),
  texts: z.array(statementTextInput).min(1).max(20),
});

export const clearanceInboxResponse = z.object({
  items: z.array(statementSummaryDto.extend({ stepName: z.string(), waitingSince: isoDateTime })),
  counts: z.object({ awaitingMe: z.number().int(), myInClearance: z.number().int(), myChangesRequested: z.number().int() }),
});

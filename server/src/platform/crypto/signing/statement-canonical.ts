import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';

// Unicode lets "é" be one code point (NFC) or "e" + combining accent (NFD); editors, clipboards and
// macOS file names produce either. Both render identically, so a reader who pastes a genuine text
// must not be told it was modified: every string is brought to NFC before it is signed or checked.
// HTML forms also submit textarea line breaks as CRLF, so line endings are brought to LF.
function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n');
}

const text = z.string().transform(normaliseText);

const languageTag = z.string().transform((tag, ctx) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical) return canonical;
  } catch {
    // RangeError: not a well-formed BCP 47 tag; reported below.
  }
  ctx.addIssue({ code: 'custom', message: `"${tag}" is not a BCP 47 language tag` });
  return z.NEVER;
});

const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'invalid date' });
      return z.NEVER;
    }
    return date.toISOString();
  });

const attachment = z.object({
  name: text.pipe(z.string().min(1)),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hex digits')
    .transform((hex) => hex.toLowerCase()),
});

/**
 * A rebuttal's review of a false claim (ADR 0028): the claim as the ministry reviewed it and its
 * rating. Signed with the text so that the newsroom's ClaimReview says only what the ministry signed.
 * Absent on any other statement, which keeps their payloads byte for byte as before.
 */
const claimReview = z.object({
  claim: text.pipe(z.string().min(1)),
  rating: z.object({ name: text.pipe(z.string().min(1)), value: z.number().nullable(), best: z.number().nullable(), worst: z.number().nullable() }),
  author: text.nullable(),
  appearances: z.array(text).max(20),
  datePublished: text.nullable(),
});

export const statementToSignSchema = z.object({
  id: z.string().min(1),
  organisation: z.string().min(1),
  language: languageTag,
  title: text,
  body: text.refine((body) => body.trim().length > 0, 'body must not be empty'),
  publishedAt: instant,
  attachments: z.array(attachment).default([]),
  review: claimReview.optional(),
});

export type StatementToSign = z.input<typeof statementToSignSchema>;
export type CanonicalStatement = z.output<typeof statementToSignSchema>;

// Code-unit order, not localeCompare: collation differs between ICU versions and locales, and the
// order must be the same on every machine that ever re-creates this payload.
function compareAttachments(a: CanonicalStatement['attachments'][number], b: CanonicalStatement['attachments'][number]): number {
  if (a.sha256 !== b.sha256) return a.sha256 < b.sha256 ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/** Validates and normalises a statement into the exact fields that get signed. Throws a ZodError. */
export function normaliseStatement(input: StatementToSign): CanonicalStatement {
  const statement = statementToSignSchema.parse(input);
  return { ...statement, attachments: [...statement.attachments].sort(compareAttachments) };
}

/**
 * The signed payload: RFC 8785 canonical JSON of the normalised statement, as text.
 * @example canonicalStatement({ id, organisation, language: 'id', title, body, publishedAt, attachments: [] })
 */
export function canonicalStatement(input: StatementToSign): string {
  return canonicalJson(normaliseStatement(input));
}

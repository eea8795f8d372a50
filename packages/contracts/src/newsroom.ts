import { z } from 'zod';

// The public newsroom API (no sign-in): a signed statement as published, and the verifier's answer.
// Strict objects: a field the server adds without adding it here fails the response, not silently drops.

/** A detached-JWS signature over the canonical JSON (RFC 8785) it signs. */
export const signedRecord = z.strictObject({
  canonical: z.string().describe('The signed object as RFC 8785 canonical JSON: verify these exact bytes'),
  jws: z.string().describe('Detached compact JWS (`header..signature`, EdDSA)'),
});

export const signedStatementBundle = z.strictObject({
  entryId: z.uuid(),
  statementId: z.uuid(),
  language: z.string(),
  url: z.string().describe('The statement page in the newsroom'),
  publishedAt: z.iso.datetime({ offset: true }),
  kid: z.string().describe('The signing key, in the JWKS at `jwksUrl`'),
  canonical: signedRecord.shape.canonical,
  jws: signedRecord.shape.jws,
  jwksUrl: z.string(),
  withdrawn: z.boolean(),
  withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  withdrawReason: z.string().nullable(),
  withdrawal: signedRecord.nullable().describe('The signed withdrawal, checked like the statement with the same key set'),
});
export type SignedStatementBundle = z.infer<typeof signedStatementBundle>;

const signatureFailure = z.enum(['signature', 'unknown-key', 'malformed']);

export const verificationResult = z.strictObject({
  verdict: z.enum(['genuine', 'modified', 'no-match']),
  withdrawn: z.boolean(),
  withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  withdrawReason: z.string().nullable(),
  entry: z
    .strictObject({ id: z.uuid(), url: z.string(), title: z.string(), language: z.string(), publishedAt: z.iso.datetime({ offset: true }), kid: z.string() })
    .nullable()
    .describe('The matched entry (the genuine one, or the closest for "modified"); null for no-match'),
  signature: z
    .strictObject({ valid: z.boolean(), kid: z.string().nullable(), reason: signatureFailure.nullable() })
    .nullable()
    .describe('The check of the signature that decided the verdict, when there was one'),
  diff: z
    .array(z.strictObject({ op: z.enum(['equal', 'added', 'removed']), text: z.string() }))
    .nullable()
    .describe('Word-level differences, genuine text → checked text'),
  similarity: z.number().min(0).max(1).nullable(),
  withdrawal: z
    .union([
      z.strictObject({ valid: z.literal(true), kid: z.string(), reason: z.string(), withdrawnAt: z.string() }),
      z.strictObject({ valid: z.literal(false), failure: z.enum(['signature', 'unknown-key', 'malformed', 'other-statement']) }),
    ])
    .nullable()
    .describe('The signed withdrawal, checked; null when there is none'),
});
export type VerificationResultBody = z.infer<typeof verificationResult>;

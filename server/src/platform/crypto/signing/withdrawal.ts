import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import { verifyStatement } from './sign-statement.ts';
import type { Jwks } from './signing-keys.ts';

// A withdrawal is a second signed record beside the statement, never a change to it: the original
// signature stays valid (it was genuine), and the withdrawal — signed by the same organisation key
// — names it by entry id and by the SHA-256 of its JWS, so it cannot be moved to another statement.
// `type` keeps the two kinds of payload apart: a statement has no `type`, a withdrawal no body.

const hex64 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
  .transform((hex) => hex.toLowerCase());

export const withdrawalSchema = z.object({
  type: z.literal('withdrawal'),
  /** The newsroom entry id — the `id` inside the statement's signed payload. */
  entry: z.string().min(1),
  organisation: z.string().min(1),
  /** SHA-256 (hex) of the statement's detached JWS, as ASCII. */
  signatureSha256: hex64,
  reason: z.string().transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n')),
  withdrawnAt: z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v).toISOString()),
});

export type WithdrawalToSign = z.input<typeof withdrawalSchema>;
export type CanonicalWithdrawal = z.output<typeof withdrawalSchema>;

/** SHA-256 hex of a detached JWS: how a withdrawal names the signature it withdraws. */
export function signatureSha256(jws: string): string {
  return createHash('sha256').update(jws.trim(), 'ascii').digest('hex');
}

/**
 * The signed withdrawal payload: RFC 8785 JSON of the normalised record. Throws a ZodError.
 * @example canonicalWithdrawal({ type: 'withdrawal', entry, organisation, signatureSha256: signatureSha256(jws), reason, withdrawnAt })
 */
export function canonicalWithdrawal(input: WithdrawalToSign): string {
  return canonicalJson(withdrawalSchema.parse(input));
}

export type SignedRecord = { canonical: string; jws: string };

export type WithdrawalCheck =
  | { valid: true; kid: string; reason: string; withdrawnAt: string }
  | { valid: false; failure: 'signature' | 'unknown-key' | 'malformed' | 'other-statement' };

/**
 * Checks a withdrawal against the statement it claims to withdraw: its own signature against the
 * JWKS, then that it names this statement's entry and signature. Never throws for bad input.
 */
export async function verifyWithdrawal(jwks: Jwks, statement: SignedRecord, withdrawal: SignedRecord): Promise<WithdrawalCheck> {
  const signature = await verifyStatement(jwks, withdrawal.canonical, withdrawal.jws);
  if (!signature.valid) return { valid: false, failure: signature.reason };
  let record: CanonicalWithdrawal;
  let entryId: unknown;
  try {
    record = withdrawalSchema.parse(JSON.parse(withdrawal.canonical));
    entryId = (JSON.parse(statement.canonical) as { id?: unknown }).id;
  } catch {
    return { valid: false, failure: 'malformed' };
  }
  if (record.entry !== entryId || record.signatureSha256 !== signatureSha256(statement.jws)) return { valid: false, failure: 'other-statement' };
  return { valid: true, kid: signature.kid, reason: record.reason, withdrawnAt: record.withdrawnAt };
}

/** Reads `{ canonical, jws }` from an unknown value; null when it is not one. */
export function asSignedRecord(value: unknown): SignedRecord | null {
  if (value === null || typeof value !== 'object') return null;
  const { canonical, jws } = value as Record<string, unknown>;
  return typeof canonical === 'string' && typeof jws === 'string' ? { canonical, jws } : null;
}

import { desc, eq, lt } from 'drizzle-orm';
import { canonicalJson } from '../crypto/canonical-json.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { getOrCreateActiveKey } from '../crypto/signing/key-store.ts';
import { signStatement, verifyStatement } from '../crypto/signing/sign-statement.ts';
import type { Jwks } from '../crypto/signing/signing-keys.ts';
import type { Executor, Tx } from '../db/index.ts';
import { auditChainHead } from '../db/platform.tables.ts';
import { type AuditCheckpointRow, auditCheckpoints } from './audit.tables.ts';

/** The signed statement about the chain: "entry `seq` of this organisation's log has hash `hash`". */
export type CheckpointPayload = { type: 'diplodesk.audit-checkpoint'; seq: number; hash: string; at: string; organisation: string; kid: string };

/** A checkpoint as published: the fields, plus the exact signed bytes and their detached JWS. */
export type PublishedCheckpoint = { seq: number; hash: string; at: string; organisation: string; kid: string; payload: string; jws: string };

export function publishCheckpoint(row: AuditCheckpointRow): PublishedCheckpoint {
  return { seq: row.seq, hash: row.headHash, at: row.at.toISOString(), organisation: row.organisationId, kid: row.kid, payload: row.payload, jws: row.jws };
}

/**
 * Signs the chain's current head with the organisation's statement key and stores it, in the
 * caller's transaction. Returns null when the head has not moved since the last checkpoint (or
 * the log is empty), so the hourly job adds nothing to a quiet log.
 */
export async function createAuditCheckpoint(tx: Tx, secretBox: SecretBox, organisationId: string): Promise<AuditCheckpointRow | null> {
  // The key first: creating it appends an audit entry, which must come before the head we sign.
  const key = await getOrCreateActiveKey(tx, secretBox, organisationId);
  // Locking the head keeps appends out until this checkpoint is stored, and serialises two checkpoint runs.
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head || head.lastSeq === 0) return null;
  const [latest] = await tx.select({ seq: auditCheckpoints.seq }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
  if (latest && latest.seq >= head.lastSeq) return null;
  const at = new Date();
  const signed: CheckpointPayload = { type: 'diplodesk.audit-checkpoint', seq: head.lastSeq, hash: head.lastHash, at: at.toISOString(), organisation: organisationId, kid: key.kid };
  const payload = canonicalJson(signed);
  const jws = await signStatement(key, payload);
  const [row] = await tx.insert(auditCheckpoints).values({ seq: head.lastSeq, headHash: head.lastHash, at, organisationId, kid: key.kid, payload, jws }).returning();
  if (!row) throw new Error('audit checkpoint insert returned no row');
  return row;
}

/** Checkpoints newest first, keyset-paged by seq. */
export async function listAuditCheckpoints(x: Executor, opts: { before?: number; limit: number }): Promise<{ items: PublishedCheckpoint[]; nextBefore: number | null }> {
  const rows = await x
    .select()
    .from(auditCheckpoints)
    .where(opts.before ? lt(auditCheckpoints.seq, opts.before) : undefined)
    .orderBy(desc(auditCheckpoints.seq))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return { items: page.map(publishCheckpoint), nextBefore: rows.length > opts.limit ? (page[page.length - 1]?.seq ?? null) : null };
}

export type CheckpointCheck = { valid: true; payload: CheckpointPayload } | { valid: false; reason: string };

/**
 * Checks one published checkpoint on its own: the JWS verifies against the JWKS over the payload
 * bytes, and the listed fields are the signed ones (a list could show other numbers than it signed).
 */
export async function checkPublishedCheckpoint(jwks: Jwks, c: PublishedCheckpoint): Promise<CheckpointCheck> {
  const result = await verifyStatement(jwks, c.payload, c.jws);
  if (!result.valid) return { valid: false, reason: { signature: 'signature does not verify', 'unknown-key': 'signed with a key not in the key set', malformed: 'signature is malformed' }[result.reason] };
  let signed: CheckpointPayload;
  try {
    signed = JSON.parse(c.payload) as CheckpointPayload;
  } catch {
    return { valid: false, reason: 'signed payload is not JSON' };
  }
  if (signed.type !== 'diplodesk.audit-checkpoint' || signed.kid !== result.kid) return { valid: false, reason: 'signed payload is not an audit checkpoint of this key' };
  if (signed.seq !== c.seq || signed.hash !== c.hash) return { valid: false, reason: 'listed seq or hash differ from the signed ones' };
  return { valid: true, payload: signed };
}

import type { AuditAction, AuditTargetType } from '@diplodesk/contracts';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { canonicalJson } from '../crypto/canonical-json.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { type Db, type Executor, newIdFor } from '../db/index.ts';
import { auditChainHead, auditLog } from '../db/platform.tables.ts';

export const genesisHash = '0'.repeat(64);

/**
 * Who did it: a signed-in user, an API token's owner (`tokenId` names the token), or the system
 * itself (CLI, first run, jobs).
 */
export type Actor = { userId: string | null; label: string; requestId: string | null; tokenId?: string | null };

export const systemActor = (label = 'system'): Actor => ({ userId: null, label, requestId: null });

/**
 * A typed audit entry. Domains narrow `action` and `summary` with their own unions
 * (see identity.audit.ts) so every recorded change has a known shape.
 */
export type AuditInput<A extends AuditAction = AuditAction, S extends Record<string, unknown> = Record<string, unknown>> = {
  action: A;
  targetType: AuditTargetType;
  targetId: string | null;
  unitId: string | null;
  summary: S;
};

type ChainFields = {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  unitId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  tokenId?: string | null;
  prevHash: string;
};

/**
 * The canonical form hashed into the chain: RFC 8785 JSON of every field but the hash itself.
 * `tokenId` is hashed only when set, so entries written before it existed keep their hashes.
 */
export function auditRowHash(row: ChainFields): string {
  return sha256Hex(
    canonicalJson({
      ...(row.tokenId ? { tokenId: row.tokenId } : {}),
      id: row.id,
      seq: row.seq,
      at: row.at,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      unitId: row.unitId,
      summary: row.summary,
      requestId: row.requestId,
      prevHash: row.prevHash,
    }),
  );
}

/**
 * Appends one entry to the chain inside the caller's transaction. The chain head row is locked
 * FOR UPDATE, so concurrent writers (on any instance) append one after the other.
 */
export async function appendAudit(tx: Executor, actor: Actor, input: AuditInput): Promise<{ id: string; seq: number }> {
  await tx.insert(auditChainHead).values({ id: 1, lastSeq: 0, lastHash: genesisHash }).onConflictDoNothing();
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head missing');
  const at = new Date();
  const row: ChainFields = {
    id: newIdFor(),
    seq: head.lastSeq + 1,
    at: at.toISOString(),
    actorId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    unitId: input.unitId,
    summary: JSON.parse(JSON.stringify(input.summary)) as Record<string, unknown>,
    requestId: actor.requestId,
    tokenId: actor.tokenId ?? null,
    prevHash: head.lastHash,
  };
  const hash = auditRowHash(row);
  await tx.insert(auditLog).values({ ...row, at, hash });
  await tx.update(auditChainHead).set({ lastSeq: row.seq, lastHash: hash }).where(eq(auditChainHead.id, 1));
  return { id: row.id, seq: row.seq };
}

export type ChainVerification = {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  firstBrokenId: string | null;
  reason: string | null;
};

/**
 * Recomputes the whole chain in sequence order and reports the first row whose hash, link or
 * sequence does not hold; also checks the head so deleting the newest rows is noticed.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerification> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let checked = 0;
  let lastSeq = 0;
  const broken = (seq: number | null, id: string | null, reason: string): ChainVerification => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    firstBrokenId: id,
    reason,
  });
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const r of rows) {
      if (r.seq !== expectedSeq) return broken(r.seq, r.id, `sequence jumps from ${expectedSeq - 1} to ${r.seq} (rows missing)`);
      if (r.prevHash !== prevHash) return broken(r.seq, r.id, 'link to the previous entry does not match');
      const recomputed = auditRowHash({ ...r, at: r.at.toISOString(), summary: r.summary });
      if (recomputed !== r.hash) return broken(r.seq, r.id, 'content does not match its hash (entry altered)');
      prevHash = r.hash;
      expectedSeq += 1;
      checked += 1;
      lastSeq = r.seq;
    }
    if (rows.length < batchSize) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (head && (head.lastSeq !== lastSeq || head.lastHash !== prevHash)) {
    return broken(lastSeq + 1, null, `chain head expects entry ${head.lastSeq} but the log ends at ${lastSeq} (entries removed)`);
  }
  return { ok: true, checked, firstBrokenSeq: null, firstBrokenId: null, reason: null };
}

export async function countAudit(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return r?.n ?? 0;
}

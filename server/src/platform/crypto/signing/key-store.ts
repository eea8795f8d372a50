import { and, asc, eq, sql } from 'drizzle-orm';
import { type Actor, appendAudit, systemActor } from '../../audit/audit.ts';
import type { Executor, Tx } from '../../db/index.ts';
import { type SealedColumn, sealedColumn } from '../sealed-columns.ts';
import type { SecretBox } from '../secret-box.ts';
import { buildJwks, generateSigningKey, type Jwks, openSigningKey, type PublicSigningJwk, type SigningKey, signingKeyContext } from './signing-keys.ts';
import { type SigningKeyRow, signingKeys } from './signing.tables.ts';

export type PublicKeyInfo = {
  organisationId: string;
  kid: string;
  publicJwk: PublicSigningJwk;
  status: 'active' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
};

// Serialises key creation and rotation per organisation across connections and instances. The
// unique partial index is the backstop; the lock makes the loser wait and then reuse the winner's key
// instead of failing its whole transaction on a unique violation.
async function lockOrganisationKeys(tx: Tx, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7410002, hashtext(${organisationId}))`);
}

async function findActive(x: Executor, organisationId: string): Promise<SigningKeyRow | undefined> {
  const [row] = await x
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.organisationId, organisationId), eq(signingKeys.status, 'active')));
  return row;
}

async function insertKey(tx: Tx, secretBox: SecretBox, organisationId: string): Promise<SigningKeyRow> {
  const stored = await generateSigningKey(secretBox, organisationId);
  const [row] = await tx
    .insert(signingKeys)
    .values({ organisationId, kid: stored.kid, publicJwk: stored.publicJwk, privateKeySealed: stored.privateKeySealed, status: 'active', createdAt: stored.createdAt })
    .returning();
  if (!row) throw new Error('signing key insert returned no row');
  return row;
}

async function open(secretBox: SecretBox, row: SigningKeyRow): Promise<SigningKey> {
  return openSigningKey(secretBox, row.organisationId, row);
}

/**
 * The organisation's active signing key, opened for signing; created (and audited) on first use.
 * Call inside the transaction that stores the signature, so a key never exists without its audit entry.
 */
export async function getOrCreateActiveKey(tx: Tx, secretBox: SecretBox, organisationId: string, actor: Actor = systemActor('signing')): Promise<SigningKey> {
  const existing = await findActive(tx, organisationId);
  if (existing) return open(secretBox, existing);
  await lockOrganisationKeys(tx, organisationId);
  // Read committed: this statement sees a key another transaction committed while we waited.
  const raced = await findActive(tx, organisationId);
  if (raced) return open(secretBox, raced);
  const row = await insertKey(tx, secretBox, organisationId);
  await appendAudit(tx, actor, { action: 'signing-key.created', targetType: 'signing-key', targetId: row.kid, unitId: organisationId, summary: { kid: row.kid } });
  return open(secretBox, row);
}

/** Retires the active key (it stays in the JWKS) and makes a new one active; audited. */
export async function rotateSigningKey(tx: Tx, secretBox: SecretBox, organisationId: string, actor: Actor): Promise<{ previousKid: string | null; kid: string }> {
  await lockOrganisationKeys(tx, organisationId);
  const previous = await findActive(tx, organisationId);
  if (previous) await tx.update(signingKeys).set({ status: 'retired', retiredAt: new Date() }).where(eq(signingKeys.id, previous.id));
  const row = await insertKey(tx, secretBox, organisationId);
  await appendAudit(tx, actor, {
    action: 'signing-key.rotated',
    targetType: 'signing-key',
    targetId: row.kid,
    unitId: organisationId,
    summary: { kid: row.kid, previousKid: previous?.kid ?? null },
  });
  return { previousKid: previous?.kid ?? null, kid: row.kid };
}

/** Every public key ever used (active and retired), oldest first; optionally for one organisation. */
export async function listPublicKeys(x: Executor, organisationId?: string): Promise<PublicKeyInfo[]> {
  const rows = await x
    .select({
      organisationId: signingKeys.organisationId,
      kid: signingKeys.kid,
      publicJwk: signingKeys.publicJwk,
      status: signingKeys.status,
      createdAt: signingKeys.createdAt,
      retiredAt: signingKeys.retiredAt,
    })
    .from(signingKeys)
    .where(organisationId ? eq(signingKeys.organisationId, organisationId) : undefined)
    .orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
  return rows;
}

/** The JWKS served at /.well-known/jwks.json: every organisation's keys, retired ones included. */
export async function loadJwks(x: Executor): Promise<Jwks> {
  return buildJwks(await listPublicKeys(x));
}

/** The sealed private keys, for `diplodesk keys reseal`. */
export const signingKeySealedColumn: SealedColumn = sealedColumn({
  name: 'signing_keys.private_key_sealed',
  purpose: 'signing-keys',
  table: signingKeys,
  key: signingKeys.id,
  sealed: signingKeys.privateKeySealed,
  columns: { organisationId: signingKeys.organisationId, kid: signingKeys.kid },
  context: (r) => signingKeyContext(r.organisationId, r.kid),
});

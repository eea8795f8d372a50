import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { PlatformContext } from '../../../platform/context.ts';
import { insertActorKeys, listActorKeys } from './federation.repo.ts';

const algorithms = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;
export const actorKeyContext = (unitId: string, algorithm: string) => `activitypub-key:${unitId}:${algorithm}`;

/**
 * The actor's key pairs, created on first use: RSA for HTTP Signatures (what Mastodon checks),
 * Ed25519 for Object Integrity Proofs. Private keys are sealed with the master key at rest.
 */
export async function actorKeyPairs(ctx: Pick<PlatformContext, 'db' | 'secretBox'>, unitId: string): Promise<CryptoKeyPair[]> {
  let rows = await listActorKeys(ctx.db, unitId);
  if (rows.length < algorithms.length) {
    const missing = algorithms.filter((a) => !rows.some((r) => r.algorithm === a));
    const created = await Promise.all(
      missing.map(async (algorithm) => {
        const pair = await generateCryptoKeyPair(algorithm);
        const privateJwk = await exportJwk(pair.privateKey);
        return { unitId, algorithm, publicJwk: await exportJwk(pair.publicKey), privateSealed: ctx.secretBox.for('actor-keys').seal(JSON.stringify(privateJwk), actorKeyContext(unitId, algorithm)) };
      }),
    );
    // Two instances may create keys at once: the first insert wins and both read it back.
    await insertActorKeys(ctx.db, created);
    rows = await listActorKeys(ctx.db, unitId);
  }
  const ordered = algorithms.map((a) => rows.find((r) => r.algorithm === a)).filter((r) => r !== undefined);
  return Promise.all(
    ordered.map(async (row) => ({
      publicKey: await importJwk(row.publicJwk, 'public'),
      privateKey: await importJwk(JSON.parse(ctx.secretBox.for('actor-keys').open(row.privateSealed, actorKeyContext(unitId, row.algorithm))) as JsonWebKey, 'private'),
    })),
  );
}

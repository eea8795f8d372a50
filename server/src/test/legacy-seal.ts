import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A value as every release before master-key rotation sealed it: `v1.<iv>.<tag>.<body>`, AES-256-GCM
 * under the master key itself with the context as AAD. Written out here, not taken from the box,
 * so the tests hold the box to the format that is really stored.
 */
export function sealLegacyV1(masterKey: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts secrets at rest (TOTP seeds now; connector tokens and signing keys later) with
 * AES-256-GCM under a key derived from DIPLODESK_SECRET, or from a key file kept in the data
 * directory when no secret is configured.
 */
export type SecretBox = {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
};

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret box key must be 32 bytes');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The context (e.g. "totp:<userId>") is bound as AAD so a sealed value cannot be moved to another row.
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed value is malformed');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Key from DIPLODESK_SECRET, else from DIPLODESK_KEY_FILE, else from `<dataDir>/secret.key`
 * (created 0600 on first use). With none of them (PostgreSQL without a secret) the key lives only
 * as long as the process, so sealed values do not survive a restart: production sets one.
 */
export function resolveMasterKey(secret: string | undefined, dataDir: string | undefined, keyFile?: string): Buffer {
  if (secret) return createHash('sha256').update(`diplodesk-master:${secret}`).digest();
  if (!dataDir && !keyFile) return randomBytes(32);
  const file = keyFile ? path.resolve(keyFile) : path.join(dataDir ?? '.', 'secret.key');
  const dir = path.dirname(file);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

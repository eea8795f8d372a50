import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts secrets at rest (TOTP seeds, SSO client secrets, connector credentials, signing and
 * actor keys) with AES-256-GCM. Every purpose has its own key, derived with HKDF-SHA256 from the
 * master key (DIPLODESK_SECRET or a key file), so code handed the TOTP box cannot open a signing
 * key. A sealed value names the master key that sealed it, so the master key can be rotated: the
 * old one stays listed as previous until `diplodesk keys reseal` has moved every value to the new one.
 */
export type SecretBox = {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
};

/** What each sealed value is for. A new kind of secret gets its own purpose, never a neighbour's. */
export const secretPurposes = ['totp', 'sso', 'source-credentials', 'signing-keys', 'actor-keys', 'channel-tokens', 'federation-queue', 'notification-secrets'] as const;
export type SecretPurpose = (typeof secretPurposes)[number];

/** How a stored value was sealed: `v1` (one key for all, before key rotation) or `v2` under the key `keyId`. */
export type SealedFormat = { format: 'v1'; keyId: null } | { format: 'v2'; keyId: string } | { format: 'malformed'; keyId: null };

export type SecretKeyring = {
  /** The box of one purpose: seals under the current master key, opens under the current or a previous one. */
  for(purpose: SecretPurpose): SecretBox;
  /** Fingerprint of the current master key (8 hex digits, reveals nothing of the key). */
  readonly currentKeyId: string;
  /** Fingerprints of the previous master keys still accepted for opening. */
  readonly previousKeyIds: readonly string[];
  /** True when `sealed` is already a v2 value under the current master key. */
  isCurrent(sealed: string): boolean;
};

/** One master key with everything derived from it. */
type MasterKey = {
  id: string;
  /** The master key itself: what every v1 value was sealed with. */
  legacy: Buffer;
  purpose(purpose: SecretPurpose): Buffer;
};

const hkdf = (master: Buffer, info: string, length: number) => Buffer.from(hkdfSync('sha256', master, 'diplodesk secret box', info, length));

/** The key id is HKDF output under its own label: it identifies the key without narrowing a search for it. */
export function masterKeyId(master: Buffer): string {
  return hkdf(master, 'key-id', 4).toString('hex');
}

function deriveMasterKey(master: Buffer): MasterKey {
  if (master.length !== 32) throw new Error('a master key must be 32 bytes');
  const keys = new Map(secretPurposes.map((p) => [p, hkdf(master, `purpose:${p}`, 32)]));
  return { id: masterKeyId(master), legacy: master, purpose: (p) => keys.get(p) as Buffer };
}

export function sealedFormat(sealed: string): SealedFormat {
  const parts = sealed.split('.');
  if (parts[0] === 'v1' && parts.length === 4) return { format: 'v1', keyId: null };
  if (parts[0] === 'v2' && parts.length === 5 && /^[0-9a-f]{8}$/.test(parts[1] ?? '')) return { format: 'v2', keyId: parts[1] as string };
  return { format: 'malformed', keyId: null };
}

function encrypt(key: Buffer, plain: string, context: string): string[] {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The context (e.g. "totp:<userId>") is bound as AAD so a sealed value cannot be moved to another row.
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')];
}

function decrypt(key: Buffer, [iv, tag, body]: string[], context: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function purposeBox(current: MasterKey, ring: MasterKey[], purpose: SecretPurpose): SecretBox {
  return {
    seal(plain, context) {
      return ['v2', current.id, ...encrypt(current.purpose(purpose), plain, context)].join('.');
    },
    open(sealed, context) {
      const shape = sealedFormat(sealed);
      const parts = sealed.split('.');
      if (shape.format === 'malformed') throw new Error('sealed value is malformed');
      // v1 values name no key: each master key is tried. They open for any purpose until re-sealed.
      const candidates = shape.format === 'v1' ? ring.map((k) => k.legacy) : ring.filter((k) => k.id === shape.keyId).map((k) => k.purpose(purpose));
      if (candidates.length === 0) throw new Error(`sealed value is under master key ${shape.keyId}, which is neither the current nor a previous key`);
      const body = shape.format === 'v1' ? parts.slice(1) : parts.slice(2);
      for (const key of candidates) {
        const plain = decrypt(key, body, context);
        if (plain !== null) return plain;
      }
      throw new Error('sealed value does not open: altered, or sealed for another purpose or row');
    },
  };
}

/**
 * The boxes of every purpose under one current master key, opening also what previous master keys
 * sealed (listed while `diplodesk keys reseal` moves their values to the current key).
 * @example createSecretKeyring(key).for('totp').seal(seed, `totp:${userId}`)
 */
export function createSecretKeyring(current: Buffer, previous: readonly Buffer[] = []): SecretKeyring {
  const now = deriveMasterKey(current);
  const older = previous.map(deriveMasterKey).filter((k, i, all) => k.id !== now.id && all.findIndex((o) => o.id === k.id) === i);
  const ring = [now, ...older];
  const boxes = new Map(secretPurposes.map((p) => [p, purposeBox(now, ring, p)]));
  return {
    for: (purpose) => {
      const box = boxes.get(purpose);
      if (!box) throw new Error(`no secret box for purpose ${purpose}`);
      return box;
    },
    currentKeyId: now.id,
    previousKeyIds: older.map((k) => k.id),
    isCurrent: (sealed) => sealed.startsWith(`v2.${now.id}.`),
  };
}

/** The 32-byte key of DIPLODESK_SECRET (or of a previous secret). */
export function keyFromSecret(secret: string): Buffer {
  return createHash('sha256').update(`diplodesk-master:${secret}`).digest();
}

/** Reads a key file: 32 random bytes, base64. */
export function readKeyFile(file: string): Buffer {
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

/**
 * Key from DIPLODESK_SECRET, else from DIPLODESK_KEY_FILE, else from `<dataDir>/secret.key`
 * (created 0600 on first use). With none of them (PostgreSQL without a secret) the key lives only
 * as long as the process, so sealed values do not survive a restart: production sets one.
 */
export function resolveMasterKey(secret: string | undefined, dataDir: string | undefined, keyFile?: string): Buffer {
  if (secret) return keyFromSecret(secret);
  if (!dataDir && !keyFile) return randomBytes(32);
  const file = keyFile ? path.resolve(keyFile) : path.join(dataDir ?? '.', 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return readKeyFile(file);
}

/** The previous master keys an operator listed (DIPLODESK_PREVIOUS_SECRETS, DIPLODESK_PREVIOUS_KEY_FILES). */
export function resolvePreviousKeys(secrets: readonly string[], keyFiles: readonly string[]): Buffer[] {
  return [...secrets.map(keyFromSecret), ...keyFiles.map((f) => readKeyFile(path.resolve(f)))];
}

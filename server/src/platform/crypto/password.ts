import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };
/** OWASP's scrypt floor (N=2^17, r=8, p=1): ~128 MiB and ~150 ms per hash here. */
export const PRODUCTION_SCRYPT_COST = 17;
const defaults: ScryptParams = { N: 2 ** PRODUCTION_SCRYPT_COST, r: 8, p: 1 };
const keyLength = 32;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFKC'), salt, keyLength, { ...params, maxmem: Math.max(256 * 1024 * 1024, 256 * params.N * params.r) }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt; the result is self-describing (`scrypt$N$r$p$salt$hash`, base64url)
 * so parameters can be raised later without invalidating stored hashes.
 * @example const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string, params: ScryptParams = defaults): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function paramsOf(stored: string): ScryptParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  return { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) };
}

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = paramsOf(stored);
  if (!params) return false;
  const [, , , , salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Password hashing at the instance's cost (PASSWORD_HASH_COST): what commands use, through the platform context. */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the same time as a real check, so unknown e-mail addresses cannot be told apart by timing. */
  burn(password: string): Promise<void>;
  /** True when a stored hash was made with other parameters than today's: re-hash it after a successful check. */
  needsRehash(stored: string): boolean;
};

/**
 * @param cost log2 of scrypt's N (17 = OWASP's floor, the default; the configuration refuses less in
 * production). The dummy hash that unknown accounts are checked against is made at the same cost.
 */
export function createPasswordHasher(cost: number = PRODUCTION_SCRYPT_COST): PasswordHasher {
  const params: ScryptParams = { ...defaults, N: 2 ** cost };
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => hashPassword(password, params),
    verify: verifyPassword,
    async burn(password) {
      dummyHash ??= hashPassword('not-a-real-password-but-same-cost', params);
      await verifyPassword(password, await dummyHash);
    },
    needsRehash(stored) {
      const used = paramsOf(stored);
      return used !== null && (used.N !== params.N || used.r !== params.r || used.p !== params.p);
    },
  };
}

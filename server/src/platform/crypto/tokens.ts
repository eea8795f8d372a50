import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret with an optional readable prefix (`ddp_…` for API tokens). */
export function randomToken(bytes = 32, prefix = ''): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** Sessions and API tokens are stored only as SHA-256 digests: a database leak yields no usable secret. */
export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

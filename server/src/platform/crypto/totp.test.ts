import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode } from './totp.ts';

// RFC 6238 appendix B: SHA-1 secret "12345678901234567890", 8-digit codes.
const rfcSecret = Buffer.from('12345678901234567890');
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

describe('TOTP', () => {
  it.each(vectors)('matches RFC 6238 at t=%i', (t, expected) => {
    expect(hotp(rfcSecret, Math.floor(t / 30), 8)).toBe(expected);
  });

  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(rfcSecret)).equals(rfcSecret)).toBe(true);
    expect(base32Encode(rfcSecret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts ±1 step and refuses codes of an already used step', () => {
    const secret = base32Encode(rfcSecret);
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    // ASVS 6.5.5: ±1 step only — two steps either way is refused, whatever the clock skew.
    expect(matchTotp(secret, totpCode(secret, now + 60_000), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now - 90_000), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now, step)).toBe(step + 1);
  });

  it('builds an otpauth URI authenticator apps read', () => {
    expect(otpauthUri('ABC', 'a@b.c', 'DiploDesk')).toBe('otpauth://totp/DiploDesk%3Aa%40b.c?secret=ABC&issuer=DiploDesk&algorithm=SHA1&digits=6&period=30');
  });
});

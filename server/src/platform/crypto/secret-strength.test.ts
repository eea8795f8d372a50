import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { estimateSecretBits, MIN_SECRET_BITS } from './secret-strength.ts';

describe('secret strength estimate', () => {
  it('passes 32 random bytes, whether hex or base64', () => {
    // Fixed samples (a random one misses the bar about once in 15,000 draws; the message says to draw again).
    expect(estimateSecretBits('q3Xk9vTn2Bw7LpZr4Ys8Hd1Jf6Mc0Ue5Ra+Vg/WbNo=')).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
    expect(estimateSecretBits('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
    const hex = Array.from({ length: 200 }, () => estimateSecretBits(randomBytes(32).toString('hex')));
    expect(Math.min(...hex)).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
  });

  it('refuses passphrases, repetition and sequences however long', () => {
    for (const phrase of [
      'test-secret-test-secret-test-secret-0123',
      'CorrectHorseBatteryStaple2024Extra!!',
      'correct horse battery staple extra words here',
      'the quick brown fox jumps over the lazy dog and runs away',
      'Tr0ub4dor&3-Tr0ub4dor&3-Tr0ub4dor&3-xyz',
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF',
      'x'.repeat(200),
    ]) {
      expect(estimateSecretBits(phrase), phrase).toBeLessThan(MIN_SECRET_BITS);
    }
  });

  it('counts 16 random bytes (128 bits) short: the estimate is conservative, so the advice is 32', () => {
    expect(estimateSecretBits(randomBytes(16).toString('hex'))).toBeLessThan(MIN_SECRET_BITS);
  });
});

/**
 * A deliberately simple, conservative estimate of how many bits of randomness a configured secret
 * holds, to tell random bytes (what `openssl rand -base64 32` prints) from a passphrase. Each
 * character counts for the bits of the smallest common alphabet holding the whole string (hex 4,
 * base64 6, printable ASCII 6.6), except:
 * - a letter following a letter of the same case counts 1 bit (English text carries about one bit
 *   a letter: Shannon, 1951), so words count little and camel case does not help;
 * - white space counts 1 bit (a break between words; random bytes encode without it);
 * - a digit following a digit counts log2(10) at most (years, "0123");
 * - a character ending three characters seen earlier in the string counts nothing (repetition).
 * 32 random bytes in hex or base64 estimate at about 200 bits; a sentence of words estimates low.
 */
export function estimateSecretBits(secret: string): number {
  const perChar = Math.log2(alphabetSize(secret));
  let bits = 0;
  for (let i = 0; i < secret.length; i++) {
    const c = secret[i] as string;
    const prev = secret[i - 1] ?? '';
    if (i >= 3 && secret.lastIndexOf(secret.slice(i - 2, i + 1), i - 3) !== -1) continue;
    if (sameCaseLetters(prev, c) || /\s/.test(c)) bits += 1;
    else if (isDigit(prev) && isDigit(c)) bits += Math.min(perChar, Math.log2(10));
    else bits += perChar;
  }
  return bits;
}

/** What a master-key secret must reach; AES-256 keys are derived from it by one hash, without stretching. */
export const MIN_SECRET_BITS = 128;

function alphabetSize(s: string): number {
  if (/^[0-9a-fA-F]*$/.test(s)) return 16;
  if (/^[A-Za-z0-9+/_=-]*$/.test(s)) return 64;
  return 95;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

function sameCaseLetters(a: string, b: string): boolean {
  return (/[a-z]/.test(a) && /[a-z]/.test(b)) || (/[A-Z]/.test(a) && /[A-Z]/.test(b));
}

/** Client-side checks that mirror the contracts, so people see the problem before a round trip. */

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export function isSixDigitCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

export const minimumPasswordLength = 12;

export function isStrongEnoughPassword(value: string): boolean {
  return value.length >= minimumPasswordLength && value.length <= 256;
}

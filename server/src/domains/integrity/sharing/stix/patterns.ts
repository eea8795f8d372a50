import type { AccountInput, IndicatorInput } from './stix-types.ts';

// STIX patterning (§9): string literals are single-quoted, with `\` and `'` escaped by a backslash.
function literal(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

// account_type is an open vocabulary (account-type-ov): the listed names where a platform has one
// (X is still "twitter" there), else our platform key.
const accountTypes: Record<string, string> = { x: 'twitter', twitter: 'twitter', facebook: 'facebook' };

export function accountTypeOf(platform: string): string {
  const key = platform.trim().toLowerCase();
  return accountTypes[key] ?? key;
}

/** A handle as accounts are compared: without a leading @, lower case (platforms treat handles case-insensitively). */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/** The STIX pattern that matches an indicator. */
export function patternOf(indicator: IndicatorInput): string {
  switch (indicator.kind) {
    case 'url':
      return `[url:value = ${literal(indicator.value)}]`;
    case 'domain':
      return `[domain-name:value = ${literal(indicator.value.trim().toLowerCase())}]`;
    case 'account':
      return `[user-account:account_login = ${literal(normaliseHandle(indicator.handle))} AND user-account:account_type = ${literal(accountTypeOf(indicator.platform))}]`;
  }
}

/** A short human name for an indicator. */
export function indicatorName(indicator: IndicatorInput): string {
  switch (indicator.kind) {
    case 'url':
      return `Link ${indicator.value}`;
    case 'domain':
      return `Domain ${indicator.value}`;
    case 'account':
      return `Account @${normaliseHandle(indicator.handle)} on ${indicator.platform}`;
  }
}

export const accountIndicator = (a: AccountInput): IndicatorInput => ({ kind: 'account', platform: a.platform, handle: a.handle });

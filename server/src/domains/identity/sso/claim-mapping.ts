import type { Role, SsoRule } from '@diplodesk/contracts';

export type Grant = { unitId: string; role: Role };
export type Claims = Record<string, unknown>;

/** A claim by name; a dotted name (`realm_access.roles`) walks nested objects when no claim has that exact name. */
export function claimValue(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

const scalar = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** Does one rule match these claims? `equals` compares a single value; `contains` looks inside a list (a lone value counts as a list of one). */
export function ruleMatches(rule: Pick<SsoRule, 'claim' | 'match' | 'value'>, claims: Claims): boolean {
  const value = claimValue(claims, rule.claim);
  if (rule.match === 'equals') return scalar(value) === rule.value;
  const list = Array.isArray(value) ? value : [value];
  return list.some((v) => scalar(v) === rule.value);
}

/** The roles the rules give for these claims, each (unit, role) once, in rule order. */
export function grantsFor(rules: readonly SsoRule[], claims: Claims): Grant[] {
  const seen = new Set<string>();
  const grants: Grant[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, claims)) continue;
    const key = `${rule.unitId}:${rule.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    grants.push({ unitId: rule.unitId, role: rule.role });
  }
  return grants;
}

/**
 * Did the provider say it used more than one factor? RFC 8176 `amr` values: `mfa` itself, or two
 * different factor kinds (something known, held, or been). A provider that sends no `amr` fails.
 */
export function hasProviderMfa(claims: Claims): boolean {
  const amr = claims.amr;
  if (!Array.isArray(amr)) return false;
  const values = amr.filter((v): v is string => typeof v === 'string');
  if (values.includes('mfa')) return true;
  const kind: Record<string, 'know' | 'have' | 'are'> = {
    pwd: 'know', pin: 'know', kba: 'know',
    otp: 'have', hwk: 'have', swk: 'have', sc: 'have', sms: 'have', tel: 'have',
    fpt: 'are', face: 'are', iris: 'are', retina: 'are', vbm: 'are',
  };
  return new Set(values.map((v) => kind[v]).filter(Boolean)).size >= 2;
}

/** The plan for one sign-in: SSO-granted roles to add and to remove; roles granted by hand are not in `current`. */
export function planGrantChanges(desired: readonly Grant[], current: readonly (Grant & { membershipId: string })[]): { add: Grant[]; remove: string[] } {
  const key = (g: Grant) => `${g.unitId}:${g.role}`;
  const want = new Set(desired.map(key));
  const have = new Set(current.map(key));
  return { add: desired.filter((g) => !have.has(key(g))), remove: current.filter((c) => !want.has(key(c))).map((c) => c.membershipId) };
}

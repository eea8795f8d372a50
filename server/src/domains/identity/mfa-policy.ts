import type { Role, StaffRole } from '@diplodesk/contracts';
import { and, eq, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { instanceMeta } from '../../platform/db/platform.tables.ts';
import { ssoIdentities, ssoProviders } from './sso/sso.tables.ts';
import type { UserRow } from './identity.repo.ts';
import { secondFactorsOf } from './webauthn.ts';

// The organisation's security policy lives with the installation's other facts (one row).
const policyKey = 'security-policy';

export type SecurityPolicy = { mfaRequiredRoles: StaffRole[] };

export async function readSecurityPolicy(x: Executor): Promise<SecurityPolicy> {
  const [row] = await x.select().from(instanceMeta).where(eq(instanceMeta.key, policyKey));
  const value = row?.value as Partial<SecurityPolicy> | undefined;
  return { mfaRequiredRoles: value?.mfaRequiredRoles ?? [] };
}

export async function writeSecurityPolicy(x: Executor, policy: SecurityPolicy): Promise<void> {
  await x
    .insert(instanceMeta)
    .values({ key: policyKey, value: policy })
    .onConflictDoUpdate({ target: instanceMeta.key, set: { value: policy, updatedAt: new Date() } });
}

/** Is the user linked to a provider that proves a second factor at every sign-in (by `amr` or by its own enforcement)? */
async function hasMfaEnforcingProvider(x: Executor, userId: string): Promise<boolean> {
  const [row] = await x
    .select({ id: ssoIdentities.id })
    .from(ssoIdentities)
    .innerJoin(ssoProviders, eq(ssoProviders.id, ssoIdentities.providerId))
    .where(and(eq(ssoIdentities.userId, userId), eq(ssoProviders.enabled, true), or(eq(ssoProviders.requireMfa, true), eq(ssoProviders.idpEnforcesMfa, true))))
    .limit(1);
  return row !== undefined;
}

/**
 * ASVS 6.3.3: must this caller set up a second factor before doing anything else? Only when a
 * role they hold is in the policy and they have neither TOTP nor a passkey — unless their
 * identity provider vouches for one: this session came through single sign-on with MFA, or (for
 * an API token, which has no sign-in of its own) the account is linked to a provider that
 * always requires it.
 */
export async function needsMfaSetup(
  x: Executor,
  user: Pick<UserRow, 'id' | 'totpEnabled'>,
  roles: readonly Role[],
  via: { session: { mfaByIdp: boolean } } | { token: true },
): Promise<boolean> {
  const policy = await readSecurityPolicy(x);
  const required: readonly Role[] = policy.mfaRequiredRoles;
  if (!roles.some((r) => required.includes(r))) return false;
  if ((await secondFactorsOf(x, user)).length > 0) return false;
  if ('session' in via) return !via.session.mfaByIdp;
  return !(await hasMfaEnforcingProvider(x, user.id));
}

import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { memberships } from '../identity.tables.ts';
import { ssoIdentities, ssoMemberships, ssoProviders } from './sso.tables.ts';

export type SsoProviderRow = typeof ssoProviders.$inferSelect;
export type SsoIdentityRow = typeof ssoIdentities.$inferSelect;

export const listProviders = (x: Executor) => x.select().from(ssoProviders).orderBy(asc(ssoProviders.displayName));

export async function findProvider(x: Executor, id: string): Promise<SsoProviderRow | undefined> {
  const [row] = await x.select().from(ssoProviders).where(eq(ssoProviders.id, id));
  return row;
}

export async function findProviderByKey(x: Executor, key: string): Promise<SsoProviderRow | undefined> {
  const [row] = await x.select().from(ssoProviders).where(eq(ssoProviders.key, key));
  return row;
}

export async function insertProvider(x: Executor, row: typeof ssoProviders.$inferInsert): Promise<SsoProviderRow> {
  const [inserted] = await x.insert(ssoProviders).values(row).returning();
  return inserted!;
}

export async function updateProviderRow(x: Executor, id: string, patch: Partial<typeof ssoProviders.$inferInsert>): Promise<SsoProviderRow> {
  const [row] = await x.update(ssoProviders).set({ ...patch, updatedAt: new Date() }).where(eq(ssoProviders.id, id)).returning();
  return row!;
}

export async function deleteProviderRow(x: Executor, id: string): Promise<void> {
  await x.delete(ssoProviders).where(eq(ssoProviders.id, id));
}

export async function findIdentity(x: Executor, providerId: string, subject: string): Promise<SsoIdentityRow | undefined> {
  const [row] = await x.select().from(ssoIdentities).where(and(eq(ssoIdentities.providerId, providerId), eq(ssoIdentities.subject, subject)));
  return row;
}

export async function insertIdentity(x: Executor, row: typeof ssoIdentities.$inferInsert): Promise<SsoIdentityRow> {
  const [inserted] = await x.insert(ssoIdentities).values(row).returning();
  return inserted!;
}

export async function touchIdentity(x: Executor, id: string): Promise<void> {
  await x.update(ssoIdentities).set({ lastSignInAt: new Date() }).where(eq(ssoIdentities.id, id));
}

/** The user's roles that this provider's rules granted (and may therefore take back). */
export function ssoGrantedMemberships(x: Executor, providerId: string, userId: string) {
  return x
    .select({ membershipId: memberships.id, unitId: memberships.unitId, role: memberships.role })
    .from(ssoMemberships)
    .innerJoin(memberships, eq(memberships.id, ssoMemberships.membershipId))
    .where(and(eq(ssoMemberships.providerId, providerId), eq(memberships.userId, userId)));
}

export async function markSsoMembership(x: Executor, membershipId: string, providerId: string): Promise<void> {
  await x.insert(ssoMemberships).values({ membershipId, providerId }).onConflictDoNothing();
}

/** Is the user linked to any single sign-on provider account? */
export async function isSsoLinked(x: Executor, userId: string): Promise<boolean> {
  const [row] = await x.select({ id: ssoIdentities.id }).from(ssoIdentities).where(eq(ssoIdentities.userId, userId)).limit(1);
  return row !== undefined;
}

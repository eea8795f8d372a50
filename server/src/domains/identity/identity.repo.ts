import { and, asc, desc, eq, gt, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { UiLocale } from '@diplodesk/contracts';
import { apiTokens, memberships, sessions, units, users } from './identity.tables.ts';

export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type MembershipWithUnit = MembershipRow & { unitName: string; unitPath: string };

// ---- units ----
export const listUnits = (x: Executor) => x.select().from(units).orderBy(asc(units.path));

export async function findUnit(x: Executor, id: string): Promise<UnitRow | undefined> {
  const [row] = await x.select().from(units).where(eq(units.id, id));
  return row;
}

export async function findRootUnit(x: Executor): Promise<UnitRow | undefined> {
  const [row] = await x.select().from(units).where(isNull(units.parentId)).limit(1);
  return row;
}

export async function findUnitByCode(x: Executor, code: string): Promise<UnitRow | undefined> {
  const [row] = await x.select().from(units).where(sql`lower(${units.code}) = lower(${code})`);
  return row;
}

export async function insertUnit(x: Executor, row: typeof units.$inferInsert & { id: string }): Promise<UnitRow> {
  const [inserted] = await x.insert(units).values(row).returning();
  return inserted!;
}

export async function updateUnitRow(x: Executor, id: string, patch: Partial<typeof units.$inferInsert>): Promise<UnitRow> {
  const [row] = await x.update(units).set({ ...patch, updatedAt: new Date() }).where(eq(units.id, id)).returning();
  return row!;
}

/** Re-roots a subtree after its top unit moved: every path under `oldPrefix` now starts with `newPrefix`. */
export async function rewriteSubtreePaths(x: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
  await x
    .update(units)
    .set({ path: sql`${newPrefix} || substring(${units.path} from ${oldPrefix.length + 1})` })
    .where(like(units.path, `${oldPrefix}%`));
}

// ---- users ----
export async function findUser(x: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await x.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(x: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await x.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export const listUsers = (x: Executor) => x.select().from(users).orderBy(asc(users.displayName), asc(users.email));

export async function insertUser(x: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await x.insert(users).values(row).returning();
  return inserted!;
}

export async function updateUserRow(x: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await x.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
  return row!;
}

export async function countUsers(x: Executor): Promise<number> {
  const [r] = await x.select({ n: sql<number>`count(*)::int` }).from(users);
  return r?.n ?? 0;
}

// ---- memberships ----
const membershipColumns = {
  id: memberships.id,
  userId: memberships.userId,
  unitId: memberships.unitId,
  role: memberships.role,
  createdAt: memberships.createdAt,
  unitName: units.name,
  unitPath: units.path,
};

export function membershipsOf(x: Executor, userIds: string[]): Promise<MembershipWithUnit[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return x
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(units.path), asc(memberships.role));
}

/** Roles active people hold at a unit or any unit above it (what reaches the unit), with their names. */
export function rolesReaching(x: Executor, unitPath: string): Promise<{ userId: string; name: string; role: MembershipRow['role'] }[]> {
  return x
    .select({ userId: memberships.userId, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(units, eq(units.id, memberships.unitId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.isActive, true), sql`${unitPath} like ${units.path} || '%'`))
    .orderBy(asc(users.displayName));
}

export async function findMembership(x: Executor, id: string): Promise<MembershipWithUnit | undefined> {
  const [row] = await x.select(membershipColumns).from(memberships).innerJoin(units, eq(units.id, memberships.unitId)).where(eq(memberships.id, id));
  return row;
}

export async function insertMembership(x: Executor, row: typeof memberships.$inferInsert): Promise<MembershipRow | undefined> {
  const [inserted] = await x.insert(memberships).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function deleteMembership(x: Executor, id: string): Promise<void> {
  await x.delete(memberships).where(eq(memberships.id, id));
}

/** Active users holding `admin` at the root unit — the organisation must keep at least one. */
export async function countRootAdmins(x: Executor, rootId: string): Promise<number> {
  const [r] = await x
    .select({ n: sql<number>`count(distinct ${memberships.userId})::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.unitId, rootId), eq(memberships.role, 'admin'), eq(users.isActive, true)));
  return r?.n ?? 0;
}

// ---- sessions ----
export async function insertSession(x: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [inserted] = await x.insert(sessions).values(row).returning();
  return inserted!;
}

export async function findSessionWithUser(x: Executor, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await x
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  return row;
}

/** A user's full sessions still in use, most recently used first. */
export const listSessionsOf = (x: Executor, userId: string, idleSince: Date) =>
  x
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.mfaPending, false), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleSince)))
    .orderBy(desc(sessions.lastSeenAt));

/**
 * Ends a user's oldest full sessions beyond `keep` (a limit on concurrent sessions). Returns how
 * many ended. Half-finished two-step sign-ins are not counted: they expire in minutes.
 */
export async function trimSessionsOf(x: Executor, userId: string, keep: number): Promise<number> {
  const surplus = await x
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.mfaPending, false)))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .offset(keep);
  if (surplus.length === 0) return 0;
  await x.delete(sessions).where(inArray(sessions.id, surplus.map((s) => s.id)));
  return surplus.length;
}

export async function findSessionOf(x: Executor, userId: string, id: string): Promise<SessionRow | undefined> {
  const [row] = await x.select().from(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
  return row;
}

export async function deleteSession(x: Executor, id: string): Promise<void> {
  await x.delete(sessions).where(eq(sessions.id, id));
}

/** Ends a user's sessions (all, or all but one); returns how many full sessions ended. */
export async function deleteSessionsOfUser(x: Executor, userId: string, exceptId?: string): Promise<number> {
  const ended = await x
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined))
    .returning({ mfaPending: sessions.mfaPending });
  return ended.filter((s) => !s.mfaPending).length;
}

export async function touchSession(x: Executor, id: string, patch: Partial<typeof sessions.$inferInsert>): Promise<void> {
  await x.update(sessions).set(patch).where(eq(sessions.id, id));
}

// ---- API tokens ----
export async function findActiveToken(x: Executor, tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
  const [row] = await x
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= Date.now()) return undefined;
  return row;
}

export const listTokensOf = (x: Executor, userId: string) =>
  x.select().from(apiTokens).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).orderBy(asc(apiTokens.createdAt));

export async function findTokenOf(x: Executor, userId: string, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await x.select().from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  return row;
}

/** Tokens of a person that still work (neither revoked nor expired), counted under a lock on the person's row. */
export async function countActiveTokensForUpdate(x: Executor, userId: string): Promise<number> {
  await x.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const [row] = await x
    .select({ n: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`));
  return row?.n ?? 0;
}

export async function insertToken(x: Executor, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [inserted] = await x.insert(apiTokens).values(row).returning();
  return inserted!;
}

export async function revokeToken(x: Executor, id: string): Promise<void> {
  await x.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
}

/** Revokes every live token of a user; returns how many. */
export async function revokeTokensOf(x: Executor, userId: string): Promise<number> {
  const rows = await x
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export async function touchToken(x: Executor, id: string): Promise<void> {
  await x.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

/** Display names by user id (for records that show who did what); unknown ids are absent. */
export async function displayNamesOf(x: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await x.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type MailContact = { id: string; email: string; locale: UiLocale; isActive: boolean; unitPaths: string[] };

/** Who can receive e-mail from the platform (alert recipients): address, language, and the units they hold a role at. */
export async function mailContactsOf(x: Executor, ids: readonly string[]): Promise<MailContact[]> {
  if (ids.length === 0) return [];
  const found = await x.select({ id: users.id, email: users.email, locale: users.locale, isActive: users.isActive }).from(users).where(inArray(users.id, [...new Set(ids)]));
  const roles = await x.select({ userId: memberships.userId, path: units.path }).from(memberships).innerJoin(units, eq(units.id, memberships.unitId)).where(inArray(memberships.userId, [...new Set(ids)]));
  return found.map((u) => ({ ...u, unitPaths: roles.filter((r) => r.userId === u.id).map((r) => r.path) }));
}

/** Active people with each unit they hold a role at, for choosing alert recipients (name and address only). */
export async function activePeopleWithRoles(x: Executor): Promise<{ id: string; displayName: string; email: string; unitPath: string }[]> {
  return x
    .select({ id: users.id, displayName: users.displayName, email: users.email, unitPath: units.path })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(eq(users.isActive, true))
    .orderBy(asc(users.displayName));
}

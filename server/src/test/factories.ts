import type { Role, UnitKind } from '@diplodesk/contracts';
import { systemActor } from '../platform/audit/audit.ts';
import type { PlatformContext } from '../platform/context.ts';
import { newIdFor } from '../platform/db/index.ts';
import { findRootUnit, grantMembership } from '../domains/identity/index.ts';
import { insertUnit, insertUser, type UnitRow, type UserRow } from '../domains/identity/identity.repo.ts';

export const testPassword = 'test password 12345';
// Factories hash the shared test password once per process (and hashing cost).
const cachedHashes = new Map<number, Promise<string>>();
function testHash(ctx: PlatformContext): Promise<string> {
  const cost = ctx.config.passwordHashCost;
  if (!cachedHashes.has(cost)) cachedHashes.set(cost, ctx.passwords.hash(testPassword));
  return cachedHashes.get(cost)!;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function buildUnit(ctx: PlatformContext, opts: { parent?: UnitRow; kind?: Exclude<UnitKind, 'ministry'>; name?: string; timeZone?: string } = {}): Promise<UnitRow> {
  const parent = opts.parent ?? (await findRootUnit(ctx.db))!;
  const id = newIdFor();
  return insertUnit(ctx.db, {
    id,
    parentId: parent.id,
    kind: opts.kind ?? 'mission',
    name: opts.name ?? `Embassy ${unique('')}`,
    code: unique('U-').toUpperCase(),
    timeZone: opts.timeZone ?? 'Europe/Paris',
    countryCode: null,
    city: null,
    path: `${parent.path}${id}/`,
  });
}

/** A user with one role at a unit (default: the root), who can sign in with `testPassword`. */
export async function buildUser(ctx: PlatformContext, opts: { role?: Role; unit?: UnitRow; email?: string; password?: string | null } = {}): Promise<UserRow> {
  const unit = opts.unit ?? (await findRootUnit(ctx.db))!;
  const passwordHash = opts.password === null ? null : opts.password ? await ctx.passwords.hash(opts.password) : await testHash(ctx);
  const user = await insertUser(ctx.db, { email: opts.email ?? `${unique('user')}@test.diplodesk`, displayName: unique('User '), passwordHash });
  if (opts.role) await grantMembership(ctx, null, user.id, { unitId: unit.id, role: opts.role }, systemActor('test'));
  return user;
}

import { eq } from 'drizzle-orm';
import { systemActor } from '../../../platform/audit/audit.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { randomToken } from '../../../platform/crypto/tokens.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { instanceMeta } from '../../../platform/db/platform.tables.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findRootUnit, insertMembership, insertUnit, insertUser } from '../identity.repo.ts';
import type { units } from '../identity.tables.ts';

type UnitSeed = Omit<typeof units.$inferInsert, 'id' | 'path' | 'parentId'>;

// A fictional ministry: headquarters, two directorates and three missions in other time zones.
const demoRoot: UnitSeed = { kind: 'ministry', name: 'Demo Ministry of Foreign Affairs', code: 'DEMO-MFA', timeZone: 'Asia/Jakarta', countryCode: null, city: 'Jakarta' };
const demoChildren: UnitSeed[] = [
  { kind: 'directorate', name: 'Directorate of Public Diplomacy', code: 'DIR-PD', timeZone: 'Asia/Jakarta', countryCode: null, city: 'Jakarta' },
  { kind: 'directorate', name: 'Directorate of Multilateral Cooperation', code: 'DIR-MC', timeZone: 'Asia/Jakarta', countryCode: null, city: 'Jakarta' },
  { kind: 'mission', name: 'Embassy in Tokyo', code: 'EMB-TYO', timeZone: 'Asia/Tokyo', countryCode: 'JP', city: 'Tokyo' },
  { kind: 'mission', name: 'Embassy in Nairobi', code: 'EMB-NBO', timeZone: 'Africa/Nairobi', countryCode: 'KE', city: 'Nairobi' },
  { kind: 'mission', name: 'Permanent Mission to the United Nations, New York', code: 'PM-NYC', timeZone: 'America/New_York', countryCode: 'US', city: 'New York' },
];
// Demo colleagues have no password: an administrator sets one before they can sign in.
const demoPeople = [
  { email: 'sari.wulandari@demo.diplodesk.test', displayName: 'Sari Wulandari', unitCode: 'DIR-PD', role: 'editor', locale: 'id', timeZone: 'Asia/Jakarta' },
  { email: 'budi.santoso@demo.diplodesk.test', displayName: 'Budi Santoso', unitCode: 'DEMO-MFA', role: 'approver', locale: 'id', timeZone: 'Asia/Jakarta' },
  { email: 'dewi.lestari@demo.diplodesk.test', displayName: 'Dewi Lestari', unitCode: 'DIR-MC', role: 'analyst', locale: 'en', timeZone: 'Asia/Jakarta' },
  { email: 'kenji.sato@demo.diplodesk.test', displayName: 'Kenji Sato', unitCode: 'EMB-TYO', role: 'editor', locale: 'en', timeZone: 'Asia/Tokyo' },
  { email: 'amina.odhiambo@demo.diplodesk.test', displayName: 'Amina Odhiambo', unitCode: 'EMB-NBO', role: 'negotiator', locale: 'en', timeZone: 'Africa/Nairobi' },
] as const;

export type InitialisedWorkspace = { created: boolean; adminEmail: string | null; generatedPassword: string | null };

/**
 * First run: creates the organisation's top unit and an administrator (the password comes from
 * DIPLODESK_ADMIN_PASSWORD or is generated and shown once), plus the demo workspace unless
 * disabled. Does nothing on later runs.
 */
export async function initialiseWorkspace(ctx: PlatformContext): Promise<InitialisedWorkspace> {
  if (await findRootUnit(ctx.db)) return { created: false, adminEmail: null, generatedPassword: null };
  const demo = ctx.config.demo;
  const adminEmail = ctx.config.adminEmail ?? 'admin@diplodesk.local';
  const generatedPassword = ctx.config.adminPassword ? null : randomToken(15);
  const passwordHash = await ctx.passwords.hash(ctx.config.adminPassword ?? generatedPassword!);
  const root: UnitSeed = demo ? demoRoot : { kind: 'ministry', name: ctx.config.orgName, code: 'HQ', timeZone: 'UTC', countryCode: null, city: null };
  await inTransaction(ctx, async (tx) => {
    if (await findRootUnit(tx)) return;
    const actor = systemActor('first run');
    const rootId = newIdFor();
    const rootUnit = await insertUnit(tx, { ...root, id: rootId, parentId: null, path: `/${rootId}/` });
    const byCode = new Map([[rootUnit.code, rootUnit]]);
    for (const seed of demo ? demoChildren : []) {
      const id = newIdFor();
      byCode.set(seed.code, await insertUnit(tx, { ...seed, id, parentId: rootId, path: `${rootUnit.path}${id}/` }));
    }
    // A generated password was shown on a terminal: the administrator must replace it at once.
    const admin = await insertUser(tx, { email: adminEmail, displayName: 'Administrator', passwordHash, mustChangePassword: generatedPassword !== null, locale: 'en', timeZone: root.timeZone });
    await insertMembership(tx, { userId: admin.id, unitId: rootId, role: 'admin' });
    for (const person of demo ? demoPeople : []) {
      const user = await insertUser(tx, { email: person.email, displayName: person.displayName, passwordHash: null, locale: person.locale, timeZone: person.timeZone });
      await insertMembership(tx, { userId: user.id, unitId: byCode.get(person.unitCode)!.id, role: person.role });
    }
    await tx.insert(instanceMeta).values({ key: 'workspace', value: { initialisedAt: new Date().toISOString(), demo } }).onConflictDoUpdate({ target: instanceMeta.key, set: { value: { demo } } });
    await auditIdentity(tx, actor, {
      action: 'workspace.initialised',
      targetType: 'workspace',
      targetId: rootId,
      unitId: rootId,
      summary: { organisation: rootUnit.name, demo, units: byCode.size, users: 1 + (demo ? demoPeople.length : 0) },
    });
  });
  return { created: true, adminEmail, generatedPassword };
}

export async function readWorkspaceMeta(ctx: Pick<PlatformContext, 'db'>): Promise<{ demo: boolean } | null> {
  const [row] = await ctx.db.select().from(instanceMeta).where(eq(instanceMeta.key, 'workspace'));
  return (row?.value as { demo: boolean } | undefined) ?? null;
}

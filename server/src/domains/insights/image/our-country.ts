// "Our country": the country whose image in the media the nation-image index follows. One value
// for the workspace, set by the organisation's administrators; other parts of insights (the
// cooperation finder, the daily brief) read it through insights' index.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { instanceMeta } from '../../../platform/db/platform.tables.ts';

const settingKey = 'insights.our-country';
const workspaceKey = 'workspace';
/** The demo workspace is a fictional Indonesian ministry (see identity's first run). */
const demoCountry = 'ID';

export type OurCountrySetting = { country: string | null; updatedAt: Date | null };

/** The stored setting; before anyone set it, Indonesia in the demo workspace and none elsewhere. */
export async function readOurCountrySetting(x: Executor): Promise<OurCountrySetting> {
  const rows = await x.select().from(instanceMeta).where(eq(instanceMeta.key, settingKey));
  const row = rows[0];
  if (row) return { country: (row.value as { country?: string | null }).country ?? null, updatedAt: row.updatedAt };
  const [workspace] = await x.select().from(instanceMeta).where(eq(instanceMeta.key, workspaceKey));
  return { country: (workspace?.value as { demo?: boolean } | undefined)?.demo ? demoCountry : null, updatedAt: null };
}

/**
 * Our country (ISO 3166-1 alpha-2), or null when the workspace has not named one.
 * @example const country = await readOurCountry(tx); // 'ID' in the demo workspace
 */
export async function readOurCountry(x: Executor): Promise<string | null> {
  return (await readOurCountrySetting(x)).country;
}

export async function writeOurCountry(x: Executor, country: string | null): Promise<void> {
  await x
    .insert(instanceMeta)
    .values({ key: settingKey, value: { country } })
    .onConflictDoUpdate({ target: instanceMeta.key, set: { value: { country }, updatedAt: new Date() } });
}

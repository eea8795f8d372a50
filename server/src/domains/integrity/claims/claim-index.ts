// The claim matcher of this process, built from the registry and rebuilt when the registry's
// version (bumped in the transaction of every claim change, on any instance) differs from the one
// it was built from. Reading the version and the thresholds is one primary-key read per batch.
import { CLAIM_THRESHOLDS, type ClaimMatcher, type ClaimThresholds, createClaimMatcher } from '@diplodesk/analysis';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { listUnits } from '../../identity/index.ts';
import { integrityClaims, integrityClaimTranslations, integritySettings } from '../integrity.tables.ts';

/** The singleton settings row. */
export const settingsRowId = 1;

export type ClaimIndexState = {
  version: number;
  matcher: ClaimMatcher;
  thresholds: ClaimThresholds;
  /** Claim id → the path of its unit (a claim applies to items of its unit and below). */
  claimPaths: Map<string, string>;
  /** Claim id → what a finding says about it. */
  claimTitles: Map<string, string>;
  /** Unit id → path, as of the build (a unit created later is looked up on demand). */
  unitPaths: Map<string, string>;
};

export type ClaimIndex = {
  /** The matcher for the registry as committed now (rebuilt inside `x` when it changed). */
  current(x: Executor): Promise<ClaimIndexState>;
};

/** The registry's version and thresholds; the defaults when nobody has changed anything yet. */
export async function readRegistryVersion(x: Executor): Promise<{ version: number; thresholds: ClaimThresholds }> {
  const [row] = await x.select().from(integritySettings).where(eq(integritySettings.id, settingsRowId));
  return { version: row?.registryVersion ?? 0, thresholds: { autoLink: row?.autoLink ?? CLAIM_THRESHOLDS.autoLink, suggest: row?.suggest ?? CLAIM_THRESHOLDS.suggest } };
}

/** Marks the registry changed (in the caller's transaction): every process's matcher rebuilds before its next batch. */
export async function bumpRegistryVersion(x: Executor): Promise<void> {
  await x
    .insert(integritySettings)
    .values({ id: settingsRowId, registryVersion: 1 })
    .onConflictDoUpdate({ target: integritySettings.id, set: { registryVersion: sql`${integritySettings.registryVersion} + 1` } });
}

/** Every claim with its translations, as the matcher indexes them. */
async function loadRegistry(x: Executor) {
  const claims = await x
    .select({ id: integrityClaims.id, unitId: integrityClaims.unitId, text: integrityClaims.claimReviewed, headline: integrityClaims.headline, language: integrityClaims.language })
    .from(integrityClaims)
    .orderBy(asc(integrityClaims.id));
  const translations = await x.select().from(integrityClaimTranslations);
  const byClaim = new Map<string, { language: string; text: string }[]>();
  for (const t of translations) {
    const list = byClaim.get(t.claimId) ?? [];
    list.push({ language: t.language, text: t.text });
    byClaim.set(t.claimId, list);
  }
  return claims.map((c) => ({ ...c, translations: byClaim.get(c.id) ?? [] }));
}

export function createClaimIndex(): ClaimIndex {
  let state: ClaimIndexState | null = null;
  let building: { version: number; promise: Promise<ClaimIndexState> } | null = null;

  async function build(x: Executor, version: number, thresholds: ClaimThresholds): Promise<ClaimIndexState> {
    const [claims, units] = await Promise.all([loadRegistry(x), listUnits(x)]);
    const unitPaths = new Map(units.map((u) => [u.id, u.path]));
    const matcher = createClaimMatcher();
    const claimPaths = new Map<string, string>();
    const claimTitles = new Map<string, string>();
    for (const c of claims) {
      matcher.add({ id: c.id, text: c.text, ...(c.headline ? { title: c.headline } : {}), ...(c.language !== 'und' ? { language: c.language } : {}), translations: c.translations });
      claimPaths.set(c.id, unitPaths.get(c.unitId) ?? '');
      claimTitles.set(c.id, c.text);
    }
    return { version, matcher, thresholds, claimPaths, claimTitles, unitPaths };
  }

  return {
    async current(x) {
      // The thresholds are read with the version on every batch: a change of them needs no rebuild.
      const { version, thresholds } = await readRegistryVersion(x);
      if (state && state.version === version) {
        state.thresholds = thresholds;
        return state;
      }
      // Two batches at once share one rebuild; a rebuild for an older version is not reused.
      if (!building || building.version !== version) {
        const promise = build(x, version, thresholds);
        building = { version, promise };
        promise.catch(() => {
          if (building?.promise === promise) building = null;
        });
      }
      const built = await building.promise;
      built.thresholds = thresholds;
      if (!state || built.version >= state.version) state = built;
      return built;
    },
  };
}

// The claim matcher of this app, built from the registry and brought up to date when the
// registry's version (bumped in the transaction of every claim change, on any instance) differs
// from the one it was built at. Reading the version and the thresholds is one primary-key read per batch.
import { CLAIM_THRESHOLDS, type ClaimMatcher, type ClaimThresholds, createClaimMatcher } from '@diplodesk/analysis';
import { asc, eq, inArray, sql } from 'drizzle-orm';
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

/** Claims read per query when the matcher catches up. */
const loadChunk = 1000;

/** These claims with their translations, as the matcher indexes them. */
async function loadClaims(x: Executor, ids: readonly string[]) {
  const claims = await x
    .select({ id: integrityClaims.id, unitId: integrityClaims.unitId, text: integrityClaims.claimReviewed, headline: integrityClaims.headline, language: integrityClaims.language })
    .from(integrityClaims)
    .where(inArray(integrityClaims.id, [...ids]));
  const translations = await x.select().from(integrityClaimTranslations).where(inArray(integrityClaimTranslations.claimId, [...ids]));
  const byClaim = new Map<string, { language: string; text: string }[]>();
  for (const t of translations) byClaim.set(t.claimId, [...(byClaim.get(t.claimId) ?? []), { language: t.language, text: t.text }]);
  return claims.map((c) => ({ ...c, translations: byClaim.get(c.id) ?? [] }));
}

type IndexState = ClaimIndexState & {
  /** Claim id → the row version (`xmin`) it was indexed at: a claim whose row changed is indexed again. */
  stamps: Map<string, string>;
};

export function createClaimIndex(): ClaimIndex {
  let state: IndexState | null = null;
  let building: { version: number; promise: Promise<IndexState> } | null = null;

  /**
   * Brings the matcher up to the registry: the first time every claim is indexed; later only the
   * claims whose row changed (every change of a claim or its translations updates its row) are
   * indexed again and deleted ones removed, so one edit in a registry of 10,000 claims costs one
   * claim's indexing inside the batch that notices it, not a rebuild.
   */
  async function catchUp(x: Executor, version: number, thresholds: ClaimThresholds): Promise<IndexState> {
    const next: IndexState = state ?? { version: -1, matcher: createClaimMatcher(), thresholds, claimPaths: new Map(), claimTitles: new Map(), unitPaths: new Map(), stamps: new Map() };
    const [rows, units] = await Promise.all([
      x.select({ id: integrityClaims.id, stamp: sql<string>`${integrityClaims}.xmin::text` }).from(integrityClaims).orderBy(asc(integrityClaims.id)),
      listUnits(x),
    ]);
    next.unitPaths = new Map(units.map((u) => [u.id, u.path]));
    const present = new Set(rows.map((r) => r.id));
    for (const id of [...next.stamps.keys()]) {
      if (present.has(id)) continue;
      next.matcher.remove(id);
      next.stamps.delete(id);
      next.claimPaths.delete(id);
      next.claimTitles.delete(id);
    }
    const changed = rows.filter((r) => next.stamps.get(r.id) !== r.stamp);
    for (let i = 0; i < changed.length; i += loadChunk) {
      const chunk = changed.slice(i, i + loadChunk);
      const stamps = new Map(chunk.map((r) => [r.id, r.stamp]));
      for (const c of await loadClaims(
        x,
        chunk.map((r) => r.id),
      )) {
        next.matcher.add({ id: c.id, text: c.text, ...(c.headline ? { title: c.headline } : {}), ...(c.language !== 'und' ? { language: c.language } : {}), translations: c.translations });
        next.stamps.set(c.id, stamps.get(c.id) ?? '');
        next.claimPaths.set(c.id, next.unitPaths.get(c.unitId) ?? '');
        next.claimTitles.set(c.id, c.text);
      }
    }
    next.version = version;
    next.thresholds = thresholds;
    return next;
  }

  return {
    async current(x) {
      // The thresholds are read with the version on every batch: a change of them needs no rebuild.
      const { version, thresholds } = await readRegistryVersion(x);
      if (state && state.version === version) {
        state.thresholds = thresholds;
        return state;
      }
      // Two batches at once share one catch-up.
      if (!building || building.version !== version) {
        const promise = catchUp(x, version, thresholds);
        building = { version, promise };
        promise.catch(() => {
          if (building?.promise === promise) building = null;
        });
      }
      const caught = await building.promise;
      caught.thresholds = thresholds;
      state = caught;
      return caught;
    },
  };
}

// The records an export takes, read from the database within what the caller may read: findings of
// the units whose integrity it reads, claims of those units and the units above them (as the claims
// registry shows them), a finding's items only where it also reads listening, official accounts of
// its units. Nothing the browser sends is trusted as a record: it only names ids and filters.
import type { StixExportSelection } from '@diplodesk/contracts';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { isWithin, type Principal, reachPaths } from '../../../../platform/authz/principal.ts';
import type { Executor } from '../../../../platform/db/index.ts';
import { listUnits } from '../../../identity/index.ts';
import { findItemsIn } from '../../../listening/index.ts';
import { openStatuses } from '../../findings/lifecycle.ts';
import { integrityClaims, integrityFindings, integrityNarratives, integrityOfficialAccounts } from '../../integrity.tables.ts';
import { claimInputOf, findingInputOf, networkInputOf } from '../stix/stored-records.ts';
import type { AccountInput, ClaimInput, EvidenceItemInput, FindingInput, NetworkInput } from '../stix/stix-types.ts';

/** At most this many records of a kind in one export. */
const maxRecords = 500;
/** Items of a finding read with it (findings keep their first 200 by id). */
const maxItemsPerFinding = 200;

export type SelectedRecords = { claims: ClaimInput[]; findings: FindingInput[]; networks: NetworkInput[]; officialAccounts: AccountInput[] };

/** The unit ids the caller reads, per kind of record. */
async function scopeOf(x: Executor, p: Principal) {
  const units = await listUnits(x);
  const integrity = reachPaths(p, 'integrity.read');
  const listening = reachPaths(p, 'listening.read');
  const ids = (keep: (path: string) => boolean) => units.filter((u) => keep(u.path)).map((u) => u.id);
  return {
    findingUnits: ids((path) => integrity.some((r) => isWithin(path, r))),
    claimUnits: ids((path) => integrity.some((r) => isWithin(path, r) || isWithin(r, path))),
    itemUnits: ids((path) => listening.some((r) => isWithin(path, r))),
  };
}

async function readClaims(x: Executor, unitIds: string[], where: SQL | undefined): Promise<ClaimInput[]> {
  if (unitIds.length === 0) return [];
  const rows = await x.select().from(integrityClaims).where(and(inArray(integrityClaims.unitId, unitIds), where)).limit(maxRecords);
  const narrativeIds = [...new Set(rows.flatMap((r) => (r.narrativeId ? [r.narrativeId] : [])))];
  const narratives = narrativeIds.length ? await x.select({ id: integrityNarratives.id, name: integrityNarratives.name }).from(integrityNarratives).where(inArray(integrityNarratives.id, narrativeIds)) : [];
  const names = new Map(narratives.map((n) => [n.id, n.name]));
  return rows.map((r) => {
    const name = r.narrativeId ? names.get(r.narrativeId) : undefined;
    return claimInputOf({ ...r, narrative: r.narrativeId && name ? { id: r.narrativeId, name } : null });
  });
}

/** The stored records a selection names, within what the caller may read. */
export async function selectRecords(x: Executor, p: Principal, selection: StixExportSelection): Promise<SelectedRecords> {
  const scope = await scopeOf(x, p);
  const f = selection.findings;
  const findingRows =
    f && scope.findingUnits.length > 0
      ? await x
          .select()
          .from(integrityFindings)
          .where(
            and(
              inArray(integrityFindings.unitId, scope.findingUnits),
              f.ids ? inArray(integrityFindings.id, f.ids) : undefined,
              f.open ? inArray(integrityFindings.status, [...openStatuses]) : undefined,
              f.detector ? eq(integrityFindings.detector, f.detector) : undefined,
            ),
          )
          .limit(maxRecords)
      : [];

  const c = selection.claims;
  const chosen = c ? await readClaims(x, scope.claimUnits, and(c.ids ? inArray(integrityClaims.id, c.ids) : undefined, c.narrativeId ? eq(integrityClaims.narrativeId, c.narrativeId) : undefined)) : [];
  // A finding's matched claim travels with it, chosen or not (if the caller sees it).
  const missing = [...new Set(findingRows.flatMap((r) => (r.claimId && !chosen.some((k) => k.id === r.claimId) ? [r.claimId] : [])))];
  const matched = missing.length ? await readClaims(x, scope.claimUnits, inArray(integrityClaims.id, missing)) : [];
  const claimsById = new Map([...chosen, ...matched].map((k) => [k.id, k]));

  const wantedItems = findingRows.filter((r) => r.detector !== 'coordination').flatMap((r) => r.itemIds.slice(0, maxItemsPerFinding));
  const items = new Map((await findItemsIn(x, [...new Set(wantedItems)], scope.itemUnits)).map((i) => [i.id, i]));
  const itemsOf = (ids: string[]): EvidenceItemInput[] =>
    ids.flatMap((id) => {
      const i = items.get(id);
      return i ? [{ id: i.id, url: i.url && URL.canParse(i.url) ? i.url : null, publishedAt: i.publishedAt, account: null }] : [];
    });

  const findings = findingRows.map((r) => findingInputOf(r, { claims: claimsById, items: itemsOf(r.itemIds) }));
  const networks = findingRows.flatMap((r) => networkInputOf(r) ?? []);
  const officialAccounts =
    selection.officialAccounts && scope.findingUnits.length > 0
      ? (await x.select().from(integrityOfficialAccounts).where(inArray(integrityOfficialAccounts.unitId, scope.findingUnits)).limit(maxRecords)).map((a) => ({ platform: a.platform, handle: a.handle, displayName: a.displayName, platformUserId: a.remoteAccountId }))
      : [];
  return { claims: chosen, findings, networks, officialAccounts };
}

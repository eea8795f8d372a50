// Saved searches: one person's kept filters, optionally shared with everyone who may read the
// unit's items. Only the owner changes or deletes one. They change what a person sees, not what
// the ministry holds, so — like other view preferences — they write no audit entry.
import type { createSavedSearchRequest, SavedSearchDto, updateSavedSearchRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { displayNamesOf } from '../../identity/index.ts';
import { deleteSavedSearch, findSavedSearch, insertSavedSearch, listVisibleSavedSearches, type SavedSearchRow, updateSavedSearch } from '../listening-search.repo.ts';
import { readableUnits } from './readable-units.ts';
import { toSearchParams } from './saved-query.ts';

type Ctx = Pick<PlatformContext, 'db'>;

export function presentSavedSearch(p: Principal, row: SavedSearchRow, ownerName: string | null): SavedSearchDto {
  const mine = row.ownerId === p.userId;
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    query: Object.fromEntries(Object.entries(row.query).filter((e): e is [string, string] => typeof e[1] === 'string')),
    shared: row.shared,
    mine,
    ownerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    policies: { update: mine, delete: mine },
  };
}

async function presentMany(ctx: Ctx, p: Principal, rows: SavedSearchRow[]): Promise<SavedSearchDto[]> {
  const names = await displayNamesOf(ctx.db, rows.map((r) => r.ownerId));
  return rows.map((r) => presentSavedSearch(p, r, names.get(r.ownerId) ?? null));
}

export async function listSavedSearches(ctx: Ctx, p: Principal): Promise<SavedSearchDto[]> {
  const units = await readableUnits(ctx, p);
  return presentMany(ctx, p, await listVisibleSavedSearches(ctx.db, p.userId, units.map((u) => u.id)));
}

/** A saved search the caller may see (their own, or shared in a unit they may read); not found otherwise. */
export async function visibleSavedSearch(ctx: Ctx, p: Principal, id: string): Promise<SavedSearchRow> {
  const row = await findSavedSearch(ctx.db, id);
  if (row && row.ownerId === p.userId) return row;
  if (row?.shared && (await readableUnits(ctx, p)).some((u) => u.id === row.unitId)) return row;
  throw new AppError('listening-saved-search.not-found');
}

async function ownSavedSearch(ctx: Ctx, p: Principal, id: string): Promise<SavedSearchRow> {
  const row = await visibleSavedSearch(ctx, p, id);
  if (row.ownerId !== p.userId) throw new AppError('authz.forbidden', 'Only the person who saved this search can change or delete it.');
  return row;
}

export async function createSavedSearch(ctx: Ctx, p: Principal, input: z.output<typeof createSavedSearchRequest>): Promise<SavedSearchDto> {
  const units = await readableUnits(ctx, p);
  // Units come ordered by path, so the first is the widest the caller reads.
  const unitId = input.unitId ?? input.query.unitId ?? units[0]?.id;
  if (!unitId || !units.some((u) => u.id === unitId)) throw new AppError('authz.forbidden', 'You may not read this unit’s listening items.');
  const row = await insertSavedSearch(ctx.db, { unitId, ownerId: p.userId, name: input.name, query: toSearchParams(input.query), shared: input.shared });
  return presentSavedSearch(p, row, p.displayName);
}

export async function changeSavedSearch(ctx: Ctx, p: Principal, id: string, input: z.output<typeof updateSavedSearchRequest>): Promise<SavedSearchDto> {
  await ownSavedSearch(ctx, p, id);
  const row = await updateSavedSearch(ctx.db, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.query !== undefined ? { query: toSearchParams(input.query) } : {}),
    ...(input.shared !== undefined ? { shared: input.shared } : {}),
  });
  return presentSavedSearch(p, row, p.displayName);
}

export async function removeSavedSearch(ctx: Ctx, p: Principal, id: string): Promise<void> {
  await ownSavedSearch(ctx, p, id);
  await deleteSavedSearch(ctx.db, id);
}

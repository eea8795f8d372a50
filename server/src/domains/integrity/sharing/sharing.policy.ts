import { can, type Principal } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { accessOfPartner, type CollectionRow, findCollection, findPartnerByAccount, listCollections, type PartnerRow } from './sharing.repo.ts';

export type CollectionRights = { canRead: boolean; canWrite: boolean };

/**
 * What the caller may do in TAXII: staff holding `integrity.manage` use every collection; a partner
 * account uses the collections it was given, as far as its access there allows. Either way the
 * verb goes through `can` — `taxii.read` to read, `taxii.write` to add — so a token's scopes limit
 * it: a read-only partner token cannot write where its partner could.
 */
export type SharingCaller = { p: Principal; partner: PartnerRow | null; isStaff: boolean; access: Map<string, CollectionRights> };

export async function sharingCallerOf(x: Executor, p: Principal): Promise<SharingCaller> {
  const isStaff = can(p, 'integrity.manage');
  const partner = (await findPartnerByAccount(x, p.userId)) ?? null;
  const access = new Map<string, CollectionRights>();
  if (partner?.enabled) for (const a of await accessOfPartner(x, partner.id)) access.set(a.collectionId, { canRead: a.canRead, canWrite: a.canWrite });
  return { p, partner: partner?.enabled ? partner : null, isStaff, access };
}

/** The caller's rights on a collection; null when the collection is not theirs to see. */
export function rightsOn(c: SharingCaller, collectionId: string): CollectionRights | null {
  const granted = c.isStaff ? { canRead: true, canWrite: true } : c.access.get(collectionId);
  if (!granted) return null;
  return { canRead: granted.canRead && can(c.p, 'taxii.read'), canWrite: granted.canWrite && can(c.p, 'taxii.write') };
}

/** The collections the caller sees, with its rights on each. */
export async function visibleCollections(x: Executor, c: SharingCaller): Promise<{ collection: CollectionRow; rights: CollectionRights }[]> {
  const rows = await listCollections(x);
  return rows.flatMap((collection) => {
    const rights = rightsOn(c, collection.id);
    return rights ? [{ collection, rights }] : [];
  });
}

/**
 * The collection if the caller sees it — otherwise 404, as for one that does not exist (TAXII
 * 2.1 lets a server hide what a client may not know of) — checked for the verb it asks.
 */
export async function collectionFor(x: Executor, c: SharingCaller, id: string, verb: 'see' | 'read' | 'write'): Promise<{ collection: CollectionRow; rights: CollectionRights }> {
  const rights = rightsOn(c, id);
  const collection = rights ? await findCollection(x, id) : undefined;
  if (!rights || !collection) throw new AppError('sharing-collection.not-found');
  if (verb === 'read' && !rights.canRead) throw new AppError(can(c.p, 'taxii.read') ? 'sharing-collection.write-only' : 'auth.token-scope');
  if (verb === 'write' && !rights.canWrite) throw new AppError(can(c.p, 'taxii.write') ? 'sharing-collection.read-only' : 'auth.token-scope');
  return { collection, rights };
}

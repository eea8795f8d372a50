import type { SharingPartnerDto } from '@diplodesk/contracts';
import type { AccessRow, CollectionRow, PartnerRow } from './sharing.repo.ts';

type TokenRow = { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

/** A token as staff see it: its name, prefix and scopes — never its secret or hash. */
export function presentToken(t: TokenRow) {
  return { id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null };
}

export function presentPartner(p: PartnerRow, access: AccessRow[], tokens: TokenRow[]): SharingPartnerDto {
  return {
    id: p.id,
    name: p.name,
    contact: p.contact,
    enabled: p.enabled,
    accountId: p.userId,
    access: access.map((a) => ({ collectionId: a.collectionId, canRead: a.canRead, canWrite: a.canWrite })),
    tokens: tokens.map(presentToken),
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentStaffCollection(c: CollectionRow, objectCount: number, access: { partnerId: string; partnerName: string; canRead: boolean; canWrite: boolean }[]) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    objectCount,
    access: access.map((a) => ({ partnerId: a.partnerId, partnerName: a.partnerName, canRead: a.canRead, canWrite: a.canWrite })),
    createdAt: c.createdAt.toISOString(),
  };
}

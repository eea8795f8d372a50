import type { issuePartnerTokenResponse, SharingImportReportDto, SharingPartnerDto, sharingCollectionDto, StixExportSelection, stixExportPreview, stixExportSelection } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type SharingPartner = SharingPartnerDto;
export type SharingCollection = z.output<typeof sharingCollectionDto>;
export type IssuedToken = z.output<typeof issuePartnerTokenResponse>;
export type SharingImportReport = SharingImportReportDto;
export type TokenAccess = 'read' | 'read-write';
export type TlpLevel = StixExportSelection['tlp'];
/** What an export takes: findings, claims and official accounts by id or filter (the server reads the records). */
export type ExportSelection = z.input<typeof stixExportSelection>;
export type ExportPreview = z.output<typeof stixExportPreview>;

export const sharingQueryKey = ['integrity', 'sharing'] as const;
export const partnersQueryKey = ['integrity', 'sharing', 'partners'] as const;
export const collectionsQueryKey = ['integrity', 'sharing', 'collections'] as const;

export function fetchPartners(signal?: AbortSignal): Promise<{ items: SharingPartner[] }> {
  return apiRequest<{ items: SharingPartner[] }>('/integrity/sharing/partners', { signal });
}

export function createPartner(body: { name: string; contact: string | null }): Promise<SharingPartner> {
  return apiRequest<SharingPartner>('/integrity/sharing/partners', { method: 'POST', body });
}

export function updatePartner(id: string, body: { name?: string; contact?: string | null; enabled?: boolean }): Promise<SharingPartner> {
  return apiRequest<SharingPartner>(`/integrity/sharing/partners/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function issueToken(partnerId: string, body: { name: string; access: TokenAccess; expiresInDays: number | null }): Promise<IssuedToken> {
  return apiRequest<IssuedToken>(`/integrity/sharing/partners/${encodeURIComponent(partnerId)}/tokens`, { method: 'POST', body });
}

export function revokeToken(partnerId: string, tokenId: string): Promise<void> {
  return apiRequest<void>(`/integrity/sharing/partners/${encodeURIComponent(partnerId)}/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' });
}

export function fetchCollections(signal?: AbortSignal): Promise<{ items: SharingCollection[] }> {
  return apiRequest<{ items: SharingCollection[] }>('/integrity/sharing/collections', { signal });
}

export function createCollection(body: { title: string; description: string | null; alias: string | null }): Promise<SharingCollection> {
  return apiRequest<SharingCollection>('/integrity/sharing/collections', { method: 'POST', body });
}

export function setAccess(collectionId: string, partnerId: string, body: { canRead: boolean; canWrite: boolean }): Promise<SharingCollection> {
  return apiRequest<SharingCollection>(`/integrity/sharing/collections/${encodeURIComponent(collectionId)}/access/${encodeURIComponent(partnerId)}`, { method: 'PUT', body });
}

/** Uploads a partner's STIX bundle (already parsed) into a collection: all of it is stored, or none and the reasons. */
export function importBundle(collectionId: string, bundle: unknown): Promise<SharingImportReport> {
  return apiRequest<SharingImportReport>(`/integrity/sharing/collections/${encodeURIComponent(collectionId)}/import`, { method: 'POST', body: bundle });
}

/** The selected stored records as a STIX 2.1 bundle (nothing is stored or shared). */
export function exportBundle(selection: ExportSelection): Promise<{ id: string; type: string; objects: unknown[] }> {
  return apiRequest<{ id: string; type: string; objects: unknown[] }>('/integrity/sharing/export', { method: 'POST', body: selection });
}

/** How many records and STIX objects a selection gives. */
export function previewExport(selection: ExportSelection, signal?: AbortSignal): Promise<ExportPreview> {
  return apiRequest<ExportPreview>('/integrity/sharing/export/preview', { method: 'POST', body: selection, signal });
}

/** Publishes the selected stored records to a TAXII collection (new versions only). */
export function publishToCollection(collectionId: string, selection: ExportSelection): Promise<SharingImportReport> {
  return apiRequest<SharingImportReport>(`/integrity/sharing/collections/${encodeURIComponent(collectionId)}/publish`, { method: 'POST', body: selection });
}

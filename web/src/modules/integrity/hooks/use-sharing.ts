import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collectionsQueryKey, createCollection, type ExportSelection, previewExport, publishToCollection, createPartner, fetchCollections, fetchPartners, importBundle, issueToken, partnersQueryKey, revokeToken, setAccess, sharingQueryKey, type TokenAccess, updatePartner } from '../api/sharing.api.ts';

export function usePartners(enabled = true) {
  return useQuery({ queryKey: partnersQueryKey, queryFn: ({ signal }) => fetchPartners(signal), enabled });
}

export function useCollections(enabled = true) {
  return useQuery({ queryKey: collectionsQueryKey, queryFn: ({ signal }) => fetchCollections(signal), enabled });
}

/** Every change to partners or collections refreshes both lists (access shows on each). */
function useSharingMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: sharingQueryKey }) });
}

export const useCreatePartner = () => useSharingMutation(createPartner);
export const useUpdatePartner = () => useSharingMutation((input: { id: string; enabled?: boolean; name?: string; contact?: string | null }) => {
  const { id, ...body } = input;
  return updatePartner(id, body);
});
export const useIssueToken = () => useSharingMutation((input: { partnerId: string; name: string; access: TokenAccess; expiresInDays: number | null }) => issueToken(input.partnerId, { name: input.name, access: input.access, expiresInDays: input.expiresInDays }));
export const useRevokeToken = () => useSharingMutation((input: { partnerId: string; tokenId: string }) => revokeToken(input.partnerId, input.tokenId));
export const useCreateCollection = () => useSharingMutation(createCollection);
export const useSetAccess = () => useSharingMutation((input: { collectionId: string; partnerId: string; canRead: boolean; canWrite: boolean }) => setAccess(input.collectionId, input.partnerId, { canRead: input.canRead, canWrite: input.canWrite }));
export const useImportBundle = () => useSharingMutation((input: { collectionId: string; bundle: unknown }) => importBundle(input.collectionId, input.bundle));
export const usePublishToCollection = () => useSharingMutation((input: { collectionId: string; selection: ExportSelection }) => publishToCollection(input.collectionId, input.selection));

/** What a selection would export, asked again whenever the selection changes. */
export function useExportPreview(selection: ExportSelection, enabled: boolean) {
  return useQuery({ queryKey: [...sharingQueryKey, 'preview', selection], queryFn: ({ signal }) => previewExport(selection, signal), enabled });
}

import type { Role, UserDto } from '@diplodesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../session/api/session.api.ts';
import {
  type UpdateUserRequest,
  type UserFilters,
  createUser,
  endUserSessions,
  fetchUser,
  fetchUsers,
  grantMembership,
  revokeMembership,
  resetUserMfa,
  setUserPassword,
  updateUser,
  userListQueryKey,
  userQueryKey,
  usersQueryKey,
} from '../api/users.api.ts';

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: userListQueryKey(filters),
    queryFn: ({ signal }) => fetchUsers(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: userQueryKey(id), queryFn: ({ signal }) => fetchUser(id, signal) });
}

/** Every change to a user refreshes lists, the detail, and `me` (it may be the same person). */
function useUserChanged() {
  const queryClient = useQueryClient();
  return (user: UserDto) => {
    queryClient.setQueryData(userQueryKey(user.id), user);
    void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
}

export function useCreateUser() {
  const changed = useUserChanged();
  return useMutation({ mutationFn: createUser, onSuccess: changed });
}

export function useUpdateUser(id: string) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: (body: UpdateUserRequest) => updateUser(id, body), onSuccess: changed });
}

/** The answer is only `ok`: the user's details (password set, must change it) are read again. */
function useUserRefetch(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: userQueryKey(id) });
    void queryClient.invalidateQueries({ queryKey: usersQueryKey });
  };
}

export function useSetUserPassword(id: string) {
  const refetch = useUserRefetch(id);
  return useMutation({ mutationFn: (password: string) => setUserPassword(id, password), onSuccess: refetch });
}

export function useResetUserMfa(id: string) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: () => resetUserMfa(id), onSuccess: changed });
}

export function useEndUserSessions(id: string) {
  const refetch = useUserRefetch(id);
  return useMutation({ mutationFn: (revokeTokens: boolean) => endUserSessions(id, revokeTokens), onSuccess: refetch });
}

export function useGrantMembership(id: string) {
  const changed = useUserChanged();
  return useMutation({
    mutationFn: ({ unitId, role }: { unitId: string; role: Role }) => grantMembership(id, unitId, role),
    onSuccess: changed,
  });
}

export function useRevokeMembership(id: string) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: (membershipId: string) => revokeMembership(id, membershipId), onSuccess: changed });
}

import type { Role, UserDto, createUserRequest, updateUserRequest, userListResponse } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type UserList = z.infer<typeof userListResponse>;
export type CreateUserRequest = z.input<typeof createUserRequest>;
export type UpdateUserRequest = z.input<typeof updateUserRequest>;

export interface UserFilters {
  q?: string;
  unitId?: string;
}

export const usersQueryKey = ['users'] as const;
export const userListQueryKey = (filters: UserFilters) => ['users', 'list', filters] as const;
export const userQueryKey = (id: string) => ['users', 'detail', id] as const;

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

export function fetchUsers(filters: UserFilters, signal?: AbortSignal): Promise<UserList> {
  return apiRequest<UserList>('/users', { query: { q: filters.q, unitId: filters.unitId }, signal });
}

export function fetchUser(id: string, signal?: AbortSignal): Promise<UserDto> {
  return apiRequest<UserDto>(userPath(id), { signal });
}

export function createUser(body: CreateUserRequest): Promise<UserDto> {
  return apiRequest<UserDto>('/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserDto> {
  return apiRequest<UserDto>(userPath(id), { method: 'PATCH', body });
}

export function setUserPassword(id: string, password: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`${userPath(id)}/password`, { method: 'POST', body: { password } });
}

export function resetUserMfa(id: string): Promise<UserDto> {
  return apiRequest<UserDto>(`${userPath(id)}/mfa/reset`, { method: 'POST' });
}

export function endUserSessions(id: string, revokeTokens: boolean): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  return apiRequest<{ sessionsEnded: number; tokensRevoked: number }>(`${userPath(id)}/sessions/end`, { method: 'POST', body: { revokeTokens } });
}

export function grantMembership(id: string, unitId: string, role: Role): Promise<UserDto> {
  return apiRequest<UserDto>(`${userPath(id)}/memberships`, { method: 'POST', body: { unitId, role } });
}

export function revokeMembership(id: string, membershipId: string): Promise<UserDto> {
  return apiRequest<UserDto>(`${userPath(id)}/memberships/${encodeURIComponent(membershipId)}`, { method: 'DELETE' });
}

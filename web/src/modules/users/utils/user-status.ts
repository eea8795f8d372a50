import type { UserDto } from '@diplodesk/contracts';

// Failed sign-ins slow down an account and an address (login_throttles); they never lock the account itself.
export type UserStatus = 'active' | 'inactive';

export function userStatus(user: Pick<UserDto, 'isActive'>): UserStatus {
  return user.isActive ? 'active' : 'inactive';
}

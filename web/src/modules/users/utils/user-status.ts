import type { UserDto } from '@diplodesk/contracts';

export type UserStatus = 'active' | 'locked' | 'inactive';

export function userStatus(user: Pick<UserDto, 'isActive' | 'lockedUntil'>, now = Date.now()): UserStatus {
  if (!user.isActive) return 'inactive';
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) return 'locked';
  return 'active';
}

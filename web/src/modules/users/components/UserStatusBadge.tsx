import type { UserDto } from '@diplodesk/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { userStatus } from '../utils/user-status.ts';

const statusColor = { active: 'green', inactive: 'gray' } as const;

export function UserStatusBadge({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const status = userStatus(user);
  return (
    <Badge variant="light" color={statusColor[status]} radius="sm">
      {t(`users.status.${status}`)}
    </Badge>
  );
}

/** `labelled` spells out what is on or off, for places without a column header. */
export function MfaBadge({ enabled, labelled = false }: { enabled: boolean; labelled?: boolean }) {
  const { t } = useTranslation();
  const state = enabled ? t('users.mfaOn') : t('users.mfaOff');
  return (
    <Badge variant={enabled ? 'light' : 'outline'} color={enabled ? 'green' : 'gray'} radius="sm" tt={labelled ? 'none' : undefined}>
      {labelled ? t('users.mfaLabelled', { state }) : state}
    </Badge>
  );
}

import type { ChannelAccountDto } from '@diplodesk/contracts';
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const look = {
  active: { color: 'green', Icon: IconCircleCheck, key: 'channels.status.active' },
  needs_reconnect: { color: 'orange', Icon: IconAlertTriangle, key: 'channels.status.needs_reconnect' },
  disconnected: { color: 'gray', Icon: IconPlugConnectedX, key: 'channels.status.disconnected' },
} as const;

/** Status as an icon and a word, never colour alone. */
export function AccountStatusBadge({ status }: { status: ChannelAccountDto['status'] }) {
  const { t } = useTranslation();
  const { color, Icon, key } = look[status];
  return (
    <Badge variant="light" color={color} radius="sm" tt="none" leftSection={<Icon size={14} aria-hidden />}>
      {t(key)}
    </Badge>
  );
}

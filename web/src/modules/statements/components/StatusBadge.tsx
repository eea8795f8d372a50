import type { StatementStatus } from '@diplodesk/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusLabelKeys, statusLook } from '../utils/statement-status.ts';

/** A statement's status as icon and word (never colour alone). */
export function StatusBadge({ status, size = 'md' }: { status: StatementStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const { color, Icon } = statusLook[status];
  return (
    <Badge color={color} variant="light" size={size} radius="sm" leftSection={<Icon size={14} aria-hidden />} style={{ flexShrink: 0 }}>
      {t(statusLabelKeys[status])}
    </Badge>
  );
}

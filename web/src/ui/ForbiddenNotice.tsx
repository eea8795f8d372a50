import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function ForbiddenNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} title={t('admin.forbiddenTitle')}>
      {t('errors.authz.forbidden')}
    </Alert>
  );
}

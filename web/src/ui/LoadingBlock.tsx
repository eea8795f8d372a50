import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadingBlock({ minHeight = 160 }: { minHeight?: number | string }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

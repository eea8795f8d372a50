import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An empty table cell: a dash to the eye, "not set" to a screen reader. */
export function NotSet() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden style={{ color: 'var(--mantine-color-dimmed)' }}>
        —
      </span>
      <VisuallyHidden>{t('common.notSet')}</VisuallyHidden>
    </>
  );
}

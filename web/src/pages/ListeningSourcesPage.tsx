import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader.tsx';

/** Placeholder until the page is built. */
export function ListeningSourcesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('listening.title')} />;
}

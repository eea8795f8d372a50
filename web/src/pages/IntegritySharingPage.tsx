import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { SharingCollections } from '../modules/integrity/components/SharingCollections.tsx';
import { SharingExport } from '../modules/integrity/components/SharingExport.tsx';
import { SharingPartners } from '../modules/integrity/components/SharingPartners.tsx';
import { useCollections, usePartners } from '../modules/integrity/hooks/use-sharing.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/**
 * Threat sharing with partner organisations (STIX 2.1 / TAXII 2.1): partners and their tokens,
 * collections and who may read or add to them, a partner's bundle uploaded, and an export.
 */
export function IntegritySharingPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const canManage = me.permissions.includes('integrity.manage');
  usePageTitle(t('integrity.sharing.title'));
  const partners = usePartners(canManage);
  const collections = useCollections(canManage);
  if (!canManage) return <ForbiddenNotice />;
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('integrity.sharing.title')} description={t('integrity.sharing.intro')} />
      <IntegrityNav active="sharing" />
      <ErrorAlert error={partners.error ?? collections.error} />
      {partners.isPending || collections.isPending ? (
        <LoadingBlock />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="lg">
            <SharingPartners partners={partners.data?.items ?? []} timeZone={me.user.timeZone} />
            <SharingExport />
          </Stack>
          <SharingCollections collections={collections.data?.items ?? []} partners={partners.data?.items ?? []} />
        </SimpleGrid>
      )}
    </Stack>
  );
}

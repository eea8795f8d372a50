import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { OurCountryPanel } from '../modules/insights/components/OurCountryPanel.tsx';
import { useOurCountry } from '../modules/insights/hooks/use-image.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

/** Administration → Insights: the workspace's settings for the insights area (our country). */
export function AdminInsightsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  usePageTitle(`${t('insightsImage.adminTab')} · ${t('areas.administration.title')}`);
  const allowed = me.permissions.includes('system.manage');
  const setting = useOurCountry(allowed);
  if (!allowed) return <ForbiddenNotice />;
  if (setting.isPending) return <LoadingBlock />;
  if (setting.error || !setting.data) return <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />;
  return (
    <SectionCard title={t('insightsImage.setting.title')} description={t('insightsImage.setting.intro')}>
      <OurCountryPanel key={setting.data.updatedAt ?? 'default'} setting={setting.data} timeZone={me.user.timeZone} />
    </SectionCard>
  );
}

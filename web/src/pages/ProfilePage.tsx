import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ApiTokensSection } from '../modules/profile/components/ApiTokensSection.tsx';
import { ChangePasswordForm } from '../modules/profile/components/ChangePasswordForm.tsx';
import { PersonalDetailsForm } from '../modules/profile/components/PersonalDetailsForm.tsx';
import { SessionsSection } from '../modules/profile/components/SessionsSection.tsx';
import { PasskeysSection } from '../modules/profile/components/PasskeysSection.tsx';
import { TwoStepSection } from '../modules/profile/components/TwoStepSection.tsx';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  usePageTitle(t('profile.title'));

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader mb={0} title={t('profile.title')} description={t('profile.intro')} />
      <SectionCard title={t('profile.detailsTitle')}>
        {/* Re-mount when the saved profile changes (e.g. language switched from the header). */}
        <PersonalDetailsForm key={`${me.user.locale}|${me.user.timeZone}|${me.user.displayName}`} />
      </SectionCard>
      <SectionCard title={t('profile.passwordTitle')} description={t('profile.passwordIntro')}>
        <ChangePasswordForm />
      </SectionCard>
      <SectionCard title={t('mfa.title')} description={t('mfa.intro')}>
        <TwoStepSection />
      </SectionCard>
      <SectionCard title={t('security.passkeys.title')} description={t('security.passkeys.intro')}>
        <PasskeysSection />
      </SectionCard>
      <SectionCard title={t('sessions.title')} description={t('sessions.intro')}>
        <SessionsSection />
      </SectionCard>
      <SectionCard title={t('tokens.title')} description={t('tokens.intro')}>
        <ApiTokensSection />
      </SectionCard>
    </Stack>
  );
}

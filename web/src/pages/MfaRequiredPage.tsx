import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { PasskeysSection } from '../modules/profile/components/PasskeysSection.tsx';
import { TwoStepSection } from '../modules/profile/components/TwoStepSection.tsx';
import { useSignOut } from '../modules/session/hooks/use-sign-out.ts';
import { SectionCard } from '../ui/SectionCard.tsx';

/**
 * Shown instead of the app while the organisation's policy requires a second factor for one of
 * the user's roles and none is set up: the server refuses everything else (auth.mfa-setup-required).
 * Enrolling either factor refreshes `me`, and the app opens.
 */
export function MfaRequiredPage() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  usePageTitle(t('security.mfaRequired.title'));
  return (
    <Center mih="100dvh" p="md">
      <Paper component="main" withBorder p="xl" radius="md" w="100%" maw={760}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('security.mfaRequired.title')}
          </Title>
          <Text c="dimmed">{t('security.mfaRequired.intro')}</Text>
          <SectionCard title={t('security.mfaRequired.appTitle')} headingOrder={2}>
            <TwoStepSection />
          </SectionCard>
          <SectionCard title={t('security.mfaRequired.passkeyTitle')} headingOrder={2}>
            <PasskeysSection />
          </SectionCard>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => signOut.mutate()}>
              {t('userMenu.signOut')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}

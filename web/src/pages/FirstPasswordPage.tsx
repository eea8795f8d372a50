import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ChangePasswordForm } from '../modules/profile/components/ChangePasswordForm.tsx';
import { useSignOut } from '../modules/session/hooks/use-sign-out.ts';

/**
 * Shown instead of the app while the account still has its generated first password: the server
 * refuses everything else until it is replaced (auth.password-change-required).
 */
export function FirstPasswordPage() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  usePageTitle(t('firstPassword.title'));
  return (
    <Center mih="100dvh" p="md">
      <Paper component="main" withBorder p="xl" radius="md" w="100%" maw={560}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('firstPassword.title')}
          </Title>
          <Text c="dimmed">{t('firstPassword.intro')}</Text>
          <ChangePasswordForm />
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

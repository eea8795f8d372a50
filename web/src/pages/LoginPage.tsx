import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { FullPageLoader } from '../app/RequireAuth.tsx';
import { headerBackground } from '../app/theme.ts';
import { safeNextPath } from '../lib/safe-next.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { LanguageSwitch } from '../modules/session/components/LanguageSwitch.tsx';
import { LoginForm } from '../modules/session/components/LoginForm.tsx';
import { useMe } from '../modules/session/hooks/use-me.ts';
import { SsoSignInButtons } from '../modules/sso/components/SsoSignInButtons.tsx';
import { useSystemInfo } from '../modules/system/hooks/use-system-info.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMe();
  const system = useSystemInfo();
  usePageTitle(t('login.formLabel'));

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;

  return (
    <Box mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box component="header" style={{ background: headerBackground }} c="white" px={{ base: 'sm', sm: 'lg' }} py={10}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg">
            DiploDesk
          </Text>
          <LanguageSwitch tone="onDark" />
        </Group>
      </Box>
      <Center component="main" id="main-content" style={{ flex: 1 }} px="sm" py="xl">
        <Paper w="100%" maw={420} p={{ base: 'lg', sm: 'xl' }} shadow="sm">
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {system.data?.organisation ? t('login.subtitleWithOrganisation', { organisation: system.data.organisation }) : t('login.subtitle')}
              </Text>
            </Stack>
            {me.error ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
            <LoginForm />
            <SsoSignInButtons />
          </Stack>
        </Paper>
      </Center>
      <Box component="footer" py="sm" px="md">
        <Text size="xs" c="dimmed" ta="center">
          {t('login.footer')}
        </Text>
      </Box>
    </Box>
  );
}

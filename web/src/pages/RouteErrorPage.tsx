import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';

/** Last resort when a screen throws while rendering: say so, and offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('crash.title'));
  const detail = error instanceof Error ? error.message : null;
  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack gap="md" maw={560}>
        <Title order={1}>{t('crash.title')}</Title>
        <Text>{t('crash.text')}</Text>
        {detail ? (
          <Code block style={{ whiteSpace: 'pre-wrap', overflow: 'visible' }}>
            {detail}
          </Code>
        ) : null}
        <div>
          <Button onClick={() => window.location.reload()}>{t('crash.reload')}</Button>
        </div>
      </Stack>
    </Center>
  );
}

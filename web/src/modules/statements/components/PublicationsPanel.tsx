import type { StatementDto } from '@diplodesk/contracts';
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatInstant } from '../hooks/use-format.ts';
import { languageName } from '../utils/languages.ts';
import { publicationStateColor, publicationStateKeys } from '../utils/statement-status.ts';

function stateKey(state: string) {
  return publicationStateKeys[state as keyof typeof publicationStateKeys] ?? publicationStateKeys.scheduled;
}

/** After signing: the public newsroom pages per language, and each channel post's state. */
export function PublicationsPanel({ statement }: { statement: StatementDto }) {
  const { t, i18n } = useTranslation();
  const formatInstant = useFormatInstant();
  return (
    <Stack gap="lg">
      <div>
        <Title order={3} size="h4" mb="sm">
          {t('statements.publications.newsroom')}
        </Title>
        {statement.newsroom.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('statements.publications.noNewsroom')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {statement.newsroom.map((page) => (
              <li key={page.language}>
                <Anchor href={page.url} target="_blank" rel="noopener" data-testid="newsroom-link">
                  <Group gap={6} wrap="nowrap" component="span">
                    <IconWorld size={16} aria-hidden />
                    {t('statements.publications.openNewsroom', { language: languageName(page.language, i18n.language) })}
                    <IconExternalLink size={14} aria-hidden />
                  </Group>
                </Anchor>
              </li>
            ))}
          </Stack>
        )}
      </div>
      <div>
        <Title order={3} size="h4" mb="sm">
          {t('statements.publications.posts')}
        </Title>
        {statement.publications.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('statements.publications.noPosts')}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {statement.publications.map((p) => (
              <Paper component="li" key={p.id} p="sm" withBorder>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600}>
                    {p.handle} · {p.platform}
                  </Text>
                  <Badge color={publicationStateColor[p.state] ?? 'gray'} variant="light">
                    {t(stateKey(p.state))}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {p.publishedAt
                    ? t('statements.publications.publishedAt', { time: formatInstant(p.publishedAt) })
                    : t('statements.publications.scheduledAt', { time: formatInstant(p.scheduledAt) })}
                </Text>
                {p.remoteUrl ? (
                  <Anchor href={p.remoteUrl} target="_blank" rel="noopener" size="sm">
                    {t('statements.publications.openPost')}
                  </Anchor>
                ) : null}
                {p.lastError ? (
                  <Text size="sm" c="red.8">
                    {p.lastError}
                  </Text>
                ) : null}
              </Paper>
            ))}
          </Stack>
        )}
      </div>
    </Stack>
  );
}

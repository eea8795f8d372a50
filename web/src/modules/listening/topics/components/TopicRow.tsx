import type { ListeningTopicDto } from '@diplodesk/contracts';
import { ActionIcon, Badge, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconArrowDown, IconArrowUp, IconArrowBackUp, IconChevronDown, IconChevronUp, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../../lib/intl.ts';
import { languageName } from '../../../statements/utils/languages.ts';
import { keywordLanguages, labelIn } from '../utils/draft.ts';

export interface TopicRowProps {
  topic: ListeningTopicDto;
  onEdit?: () => void;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onArchive?: () => void;
  onRestore?: () => void;
  moving?: boolean;
}

/** One topic: its label, keyword counts per language, items of the last 30 days, and what the caller may do. */
export function TopicRow({ topic, onEdit, onMoveUp, onMoveDown, onArchive, onRestore, moving }: TopicRowProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const [open, setOpen] = useState(false);
  const label = labelIn(topic.labels, locale);
  const other = labelIn(topic.labels, locale === 'en' ? 'id' : 'en');
  const headingId = `topic-${topic.id}`;
  const languages = keywordLanguages(topic.keywords).filter((l) => (topic.keywords[l]?.length ?? 0) > 0);
  const archived = topic.archivedAt !== null;

  return (
    <Paper component="article" p="md" withBorder aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {label}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {other !== label ? `${other} · ` : ''}
              <span>{topic.key}</span>
            </Text>
          </Stack>
          <Group gap={6} wrap="nowrap">
            {onMoveUp || onMoveDown ? (
              <>
                  <ActionIcon variant="default" size="lg" onClick={onMoveUp} disabled={!onMoveUp || moving} aria-label={t('listeningTopics.list.moveUpNamed', { name: label })}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="default" size="lg" onClick={onMoveDown} disabled={!onMoveDown || moving} aria-label={t('listeningTopics.list.moveDownNamed', { name: label })}>
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
              </>
            ) : null}
          </Group>
        </Group>
        <Group gap={6} wrap="wrap">
          {archived ? (
            <Badge variant="filled" color="gray" style={{ textTransform: 'none' }}>
              {t('listeningTopics.list.archivedBadge')}
            </Badge>
          ) : null}
          {languages.map((language) => (
            <Badge key={language} variant="light" color="blue" style={{ textTransform: 'none' }}>
              {t('listeningTopics.list.keywordCount', { language: languageName(language, i18n.language), count: topic.keywords[language]?.length ?? 0 })}
            </Badge>
          ))}
          {languages.length === 0 ? (
            <Badge variant="light" color="orange" style={{ textTransform: 'none' }}>
              {t('listeningTopics.list.noKeywords')}
            </Badge>
          ) : null}
          <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
            {t('listeningTopics.list.items30d', { count: topic.itemsLast30Days, formatted: formatNumber(topic.itemsLast30Days, locale) })}
          </Badge>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="subtle"
            leftSection={open ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
            onClick={() => setOpen((v) => !v)}
            aria-expanded={open}
            aria-controls={`${headingId}-keywords`}
            aria-label={open ? t('listeningTopics.list.hideKeywordsNamed', { name: label }) : t('listeningTopics.list.showKeywordsNamed', { name: label })}
          >
            {open ? t('listeningTopics.list.hideKeywords') : t('listeningTopics.list.showKeywords')}
          </Button>
          {onEdit ? (
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit} aria-label={t('listeningTopics.list.editNamed', { name: label })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {onArchive ? (
            <Button size="xs" variant="default" leftSection={<IconArchive size={14} aria-hidden />} onClick={onArchive} aria-label={t('listeningTopics.list.archiveNamed', { name: label })}>
              {t('listeningTopics.list.archive')}
            </Button>
          ) : null}
          {onRestore ? (
            <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} aria-hidden />} onClick={onRestore} aria-label={t('listeningTopics.list.restoreNamed', { name: label })}>
              {t('listeningTopics.list.restore')}
            </Button>
          ) : null}
        </Group>
        <Collapse expanded={open} id={`${headingId}-keywords`}>
          <Stack gap="xs" pt="xs">
            {languages.map((language) => (
              <div key={language}>
                <Text size="xs" c="dimmed" fw={600}>
                  {languageName(language, i18n.language)} ({language})
                </Text>
                <Group gap={4} wrap="wrap">
                  {(topic.keywords[language] ?? []).map((keyword) => (
                    <Badge key={keyword} size="sm" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                      {keyword}
                    </Badge>
                  ))}
                </Group>
              </div>
            ))}
          </Stack>
        </Collapse>
      </Stack>
    </Paper>
  );
}

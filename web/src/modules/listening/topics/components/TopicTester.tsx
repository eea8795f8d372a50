import type { TopicTestRequest, UiLocale } from '@diplodesk/contracts';
import { Badge, Group, Loader, Progress, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../../lib/intl.ts';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { languageName } from '../../../statements/utils/languages.ts';
import { useTryText } from '../hooks/use-topics.ts';
import { type DraftTopic, labelIn } from '../utils/draft.ts';

export interface TopicTesterProps {
  /** The taxonomy to try (saved, or with a draft in it). */
  topics: DraftTopic[];
  /** The topic being edited, marked in the results. */
  highlightKey?: string;
  /** Distinguishes the field when two testers are on screen. */
  id: string;
}

const percent = (score: number, locale: UiLocale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(score);

/** A sample text scored live against the given taxonomy: topics, scores, and the keywords that matched. */
export function TopicTester({ topics, highlightKey, id }: TopicTesterProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const [text, setText] = useState('');
  const [language, setLanguage] = useState('auto');
  // Labels do not change scores: leaving them out keeps typing a label from asking again.
  const scored = useMemo(() => topics.map((topic) => ({ key: topic.key, labels: { en: '', id: '' }, keywords: topic.keywords })), [topics]);
  const body: TopicTestRequest | null = text.trim() ? { text: text.trim().slice(0, 5000), topics: scored, ...(language === 'auto' ? {} : { language }) } : null;
  const [request] = useDebouncedValue(body, 400);
  const result = useTryText(request);
  const labels = useMemo(() => new Map(topics.map((topic) => [topic.key, labelIn(topic.labels, locale) || t('listeningTopics.tester.untitled')])), [topics, locale, t]);

  const languages = useMemo(() => {
    const codes = new Set(['en', 'id', ...topics.flatMap((topic) => Object.keys(topic.keywords))]);
    return [{ value: 'auto', label: t('listeningTopics.tester.detect') }, ...[...codes].map((code) => ({ value: code, label: `${languageName(code, i18n.language)} (${code})` }))];
  }, [topics, t, i18n.language]);

  const data = request ? result.data : undefined;
  return (
    <Stack gap="sm">
      <Textarea
        id={`${id}-text`}
        label={t('listeningTopics.tester.text')}
        description={t('listeningTopics.tester.textHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={5000}
      />
      <Select id={`${id}-language`} label={t('listeningTopics.tester.language')} data={languages} value={language} onChange={(v) => setLanguage(v ?? 'auto')} allowDeselect={false} />
      <ErrorAlert error={request ? result.error : null} />
      <div aria-live="polite">
        {result.isFetching && request ? <Loader size="xs" role="status" aria-label={t('listeningTopics.tester.checking')} /> : null}
        {data ? (
          <Stack gap="sm" mt="xs">
            <Text size="xs" c="dimmed">
              {t('listeningTopics.tester.readAs', { language: languageName(data.language, i18n.language), keywords: languageName(data.keywordLanguage, i18n.language) })}
              {data.usedModel ? ` ${t('listeningTopics.tester.usedModel')}` : ''}
            </Text>
            {data.topics.length === 0 ? <Text size="sm">{t('listeningTopics.tester.none')}</Text> : null}
            {data.topics.map((topic) => (
              <Stack key={topic.key} gap={4} p="xs" style={{ borderRadius: 6, border: topic.key === highlightKey ? '2px solid var(--mantine-color-blue-6)' : '1px solid var(--mantine-color-default-border)' }}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {labels.get(topic.key) ?? topic.key}
                  </Text>
                  <Text size="sm" fw={600}>
                    {percent(topic.score, locale)}
                  </Text>
                </Group>
                <Progress value={topic.score * 100} size="sm" color={topic.assigned ? 'teal' : 'gray'} aria-label={t('listeningTopics.tester.scoreOf', { topic: labels.get(topic.key) ?? topic.key })} />
                <Group gap={6} wrap="wrap">
                  <Badge size="sm" variant="light" color={topic.assigned ? 'teal' : 'gray'} style={{ textTransform: 'none' }}>
                    {topic.assigned ? t('listeningTopics.tester.assigned') : t('listeningTopics.tester.belowThreshold')}
                  </Badge>
                  {data.usedModel && topic.keywordScore !== topic.score ? (
                    <Text size="xs" c="dimmed">
                      {t('listeningTopics.tester.fromKeywords', { score: percent(topic.keywordScore, locale) })}
                    </Text>
                  ) : null}
                </Group>
                {topic.matched.length > 0 ? (
                  <Group gap={4} wrap="wrap">
                    <Text size="xs" c="dimmed">
                      {t('listeningTopics.tester.matched')}:
                    </Text>
                    {topic.matched.map((m) => (
                      <Badge key={m.keyword} size="sm" variant="outline" color="blue" style={{ textTransform: 'none' }}>
                        {m.count > 1 ? `${m.keyword} ×${formatNumber(m.count, locale)}` : m.keyword}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('listeningTopics.tester.noKeyword')}
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        ) : null}
      </div>
    </Stack>
  );
}

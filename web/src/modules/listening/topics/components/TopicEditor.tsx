import type { ListeningTopicDto } from '@diplodesk/contracts';
import { Accordion, Button, Grid, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { languageName } from '../../../statements/utils/languages.ts';
import { useCreateTopic, useUpdateTopic } from '../hooks/use-topics.ts';
import { draftTaxonomy, keywordLanguages, newTopicKey } from '../utils/draft.ts';
import { KeywordSyntaxHelp } from './KeywordSyntaxHelp.tsx';
import { KeywordsField } from './KeywordsField.tsx';
import { TopicTester } from './TopicTester.tsx';

export interface TopicEditorProps {
  /** The topic to edit; a new one without it. */
  topic?: ListeningTopicDto;
  /** Every topic, so the try-out box scores the draft among the others. */
  topics: ListeningTopicDto[];
  onDone: (topic: ListeningTopicDto) => void;
  onCancel: () => void;
}

const languageCode = /^[a-z]{2,3}$/;

/** Labels in both interface languages, keywords per language, and a live try-out of the unsaved draft. */
export function TopicEditor({ topic, topics, onDone, onCancel }: TopicEditorProps) {
  const { t, i18n } = useTranslation();
  const create = useCreateTopic();
  const update = useUpdateTopic();
  const mutation = topic ? update : create;
  const [labels, setLabels] = useState(topic?.labels ?? { en: '', id: '' });
  const [keywords, setKeywords] = useState<Record<string, string[]>>(topic?.keywords ?? {});
  const [languages, setLanguages] = useState<string[]>(keywordLanguages(topic?.keywords ?? {}));
  const [newLanguage, setNewLanguage] = useState('');
  const code = newLanguage.trim().toLowerCase();
  const codeError = code && !languageCode.test(code) ? t('listeningTopics.editor.languageInvalid') : code && languages.includes(code) ? t('listeningTopics.editor.languageExists') : null;
  const key = topic?.key ?? newTopicKey;
  const draft = useMemo(() => draftTaxonomy(topics, { key, labels, keywords, ...(topic ? { id: topic.id } : {}) }), [topics, key, labels, keywords, topic]);
  const complete = labels.en.trim() !== '' && labels.id.trim() !== '';

  const addLanguage = () => {
    if (!code || codeError) return;
    setLanguages((current) => [...current, code]);
    setNewLanguage('');
  };

  const submit = () => {
    const body = { labels: { en: labels.en.trim(), id: labels.id.trim() }, keywords };
    if (topic) update.mutate({ id: topic.id, body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (complete) submit();
      }}
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={t('listeningTopics.editor.labelEn')} value={labels.en} onChange={(e) => setLabels({ ...labels, en: e.currentTarget.value })} required maxLength={80} description={topic ? null : t('listeningTopics.editor.keyHint')} />
              <TextInput label={t('listeningTopics.editor.labelId')} value={labels.id} onChange={(e) => setLabels({ ...labels, id: e.currentTarget.value })} required maxLength={80} />
            </SimpleGrid>
            <Title order={3} size="h5">
              {t('listeningTopics.editor.keywords')}
            </Title>
            {languages.map((language) => (
              <KeywordsField
                key={language}
                label={`${languageName(language, i18n.language)} (${language})`}
                value={keywords[language] ?? []}
                onChange={(list) => setKeywords((current) => ({ ...current, [language]: list }))}
              />
            ))}
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t('listeningTopics.editor.addLanguage')}
                description={t('listeningTopics.editor.addLanguageHint')}
                value={newLanguage}
                onChange={(e) => setNewLanguage(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addLanguage();
                  }
                }}
                error={codeError}
                maxLength={3}
                style={{ flex: '1 1 16rem' }}
              />
              <Button variant="default" leftSection={<IconLanguage size={16} aria-hidden />} onClick={addLanguage} disabled={!code || codeError !== null}>
                {t('listeningTopics.editor.addLanguageButton')}
              </Button>
            </Group>
            <Accordion variant="contained" chevronPosition="left">
              <Accordion.Item value="syntax">
                <Accordion.Control>{t('listeningTopics.syntax.title')}</Accordion.Control>
                <Accordion.Panel>
                  <KeywordSyntaxHelp />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {/* Beside the keywords on a wide screen, so each change shows its effect at once. */}
          <Stack gap="sm" component="section" aria-labelledby="editor-try-heading">
            <Stack gap={4}>
              <Title order={3} size="h5" id="editor-try-heading">
                {t('listeningTopics.editor.tryTitle')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('listeningTopics.editor.tryHint')}
              </Text>
            </Stack>
            <TopicTester id="editor-try" topics={draft} highlightKey={key} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack gap="md" mt="md">
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!complete}>
            {topic ? t('listeningTopics.editor.save') : t('listeningTopics.editor.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

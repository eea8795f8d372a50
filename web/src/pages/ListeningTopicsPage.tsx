import type { ListeningTopicDto } from '@diplodesk/contracts';
import { Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../lib/intl.ts';
import { notifySuccess } from '../lib/notify.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { KeywordSyntaxHelp } from '../modules/listening/topics/components/KeywordSyntaxHelp.tsx';
import { ReapplyPanel } from '../modules/listening/topics/components/ReapplyPanel.tsx';
import { TopicEditor } from '../modules/listening/topics/components/TopicEditor.tsx';
import { TopicRow } from '../modules/listening/topics/components/TopicRow.tsx';
import { TopicTester } from '../modules/listening/topics/components/TopicTester.tsx';
import { useArchiveTopic, useTopics, useUpdateTopic } from '../modules/listening/topics/hooks/use-topics.ts';
import { draftTaxonomy, labelIn } from '../modules/listening/topics/utils/draft.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { AppModal } from '../ui/AppModal.tsx';
import { ConfirmModal } from '../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

type Editing = { topic?: ListeningTopicDto } | null;

/** The ministry's topic taxonomy: read by everyone who listens, edited by those who manage listening. */
export function ListeningTopicsPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('listening.read');
  const topics = useTopics(canRead);
  const update = useUpdateTopic();
  const archive = useArchiveTopic();
  const [editing, setEditing] = useState<Editing>(null);
  const [archiving, setArchiving] = useState<ListeningTopicDto | null>(null);
  usePageTitle(t('listeningTopics.title'));

  const all = topics.data?.items ?? [];
  const active = all.filter((topic) => topic.archivedAt === null);
  const archived = all.filter((topic) => topic.archivedAt !== null);
  const saved = useMemo(() => draftTaxonomy(topics.data?.items ?? []), [topics.data]);
  const canCreate = topics.data?.policies.create === true;

  if (!canRead) return <ForbiddenNotice />;

  // Moves among the active topics; the server numbers the whole list (archived ones included) again.
  const move = (topic: ListeningTopicDto, step: -1 | 1) => {
    const neighbour = active[active.indexOf(topic) + step];
    if (!neighbour) return;
    update.mutate({ id: topic.id, body: { position: all.indexOf(neighbour) } });
  };

  const row = (topic: ListeningTopicDto) => {
    const editable = topic.policies.update === true;
    const index = active.indexOf(topic);
    return (
      <TopicRow
        key={topic.id}
        topic={topic}
        moving={update.isPending}
        {...(editable ? { onEdit: () => setEditing({ topic }) } : {})}
        {...(editable && topic.archivedAt === null ? { onMoveUp: index > 0 ? () => move(topic, -1) : undefined, onMoveDown: index < active.length - 1 ? () => move(topic, 1) : undefined } : {})}
        {...(topic.policies.archive ? { onArchive: () => setArchiving(topic) } : {})}
        {...(topic.policies.restore ? { onRestore: () => archive.mutate({ id: topic.id, archived: false }, { onSuccess: () => notifySuccess(t('listeningTopics.list.restoredNotice')) }) } : {})}
      />
    );
  };

  return (
    <>
      <ListeningNav active="topics" />
      <PageHeader
        title={t('listeningTopics.title')}
        description={canCreate ? t('listeningTopics.intro') : t('listeningTopics.introReadOnly')}
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({})}>
              {t('listeningTopics.add')}
            </Button>
          ) : null
        }
      />
      {topics.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={topics.error} onRetry={() => void topics.refetch()} />
      {/* An archive error shows in its confirmation dialog; a restore or move error shows here. */}
      <ErrorAlert error={update.error ?? (archiving ? null : archive.error)} />
      {topics.data ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <section aria-labelledby="active-topics-heading">
                <Title order={2} size="h3" id="active-topics-heading" mb="xs">
                  {t('listeningTopics.list.active', { count: active.length })}
                </Title>
                {active.length === 0 ? (
                  <Paper p="lg">
                    <Text size="sm">{t('listeningTopics.list.noneActive')}</Text>
                  </Paper>
                ) : null}
                <Stack gap="sm">{active.map(row)}</Stack>
              </section>
              {archived.length > 0 ? (
                <section aria-labelledby="archived-topics-heading">
                  <Title order={2} size="h3" id="archived-topics-heading" mb={4}>
                    {t('listeningTopics.list.archived', { count: archived.length })}
                  </Title>
                  <Text size="sm" c="dimmed" mb="xs">
                    {t('listeningTopics.list.archivedHint')}
                  </Text>
                  <Stack gap="sm">{archived.map(row)}</Stack>
                </section>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <SectionCard title={t('listeningTopics.tester.title')} description={t('listeningTopics.tester.intro')}>
                <TopicTester id="page-try" topics={saved} />
              </SectionCard>
              {topics.data.policies.reapply ? (
                <SectionCard title={t('listeningTopics.reapply.title')}>
                  <ReapplyPanel timeZone={me.user.timeZone} />
                </SectionCard>
              ) : null}
              <SectionCard title={t('listeningTopics.syntax.title')}>
                <KeywordSyntaxHelp />
              </SectionCard>
            </Stack>
          </Grid.Col>
        </Grid>
      ) : null}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.topic ? t('listeningTopics.editor.editTitle', { name: labelIn(editing.topic.labels, locale) }) : t('listeningTopics.editor.newTitle')} size="75rem" closeOnClickOutside={false}>
        {editing ? (
          <TopicEditor
            {...(editing.topic ? { topic: editing.topic } : {})}
            topics={all}
            onCancel={() => setEditing(null)}
            onDone={(topic) => {
              setEditing(null);
              notifySuccess(editing.topic ? t('listeningTopics.editor.savedNotice') : t('listeningTopics.editor.createdNotice', { name: labelIn(topic.labels, locale) }));
            }}
          />
        ) : null}
      </AppModal>
      <ConfirmModal
        opened={archiving !== null}
        title={t('listeningTopics.archiveConfirm.title', { name: archiving ? labelIn(archiving.labels, locale) : '' })}
        message={t('listeningTopics.archiveConfirm.message')}
        confirmLabel={t('listeningTopics.list.archive')}
        loading={archive.isPending}
        error={archive.error}
        onClose={() => setArchiving(null)}
        onConfirm={() => {
          if (!archiving) return;
          archive.mutate(
            { id: archiving.id, archived: true },
            {
              onSuccess: () => {
                setArchiving(null);
                notifySuccess(t('listeningTopics.list.archivedNotice'));
              },
            },
          );
        }}
      />
    </>
  );
}

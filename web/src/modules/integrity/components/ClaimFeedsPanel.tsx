import { Anchor, Badge, Button, Group, List, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, toUiLocale } from '../../../lib/intl.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { ClaimFeed } from '../api/claim-feeds.api.ts';
import { useClaimFeeds, useCreateClaimFeed, useDeleteClaimFeed, usePollClaimFeed, useRefreshClaimsOnImport, useUpdateClaimFeed } from '../hooks/use-claim-feeds.ts';
import { importProblemText } from '../utils/finding-title.ts';

const intervals = [900, 3600, 6 * 3600, 86_400] as const;
const statusColour = { ok: 'teal', failing: 'red', paused: 'gray', new: 'blue' } as const;
/** Skipped entries shown with a feed; the rest are counted. */
const PROBLEMS_SHOWN = 5;

function FeedCard({ feed, timeZone, onDelete }: { feed: ClaimFeed; timeZone: string; onDelete: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const update = useUpdateClaimFeed();
  const poll = usePollClaimFeed();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : t('integrity.feeds.never'));
  const headingId = `feed-${feed.id}`;
  const result = feed.lastResult;
  const problems = result?.problems ?? [];
  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {feed.name}
          </Title>
          <Badge color={statusColour[feed.status]} variant="light" style={{ textTransform: 'none' }}>
            {t(`integrity.feeds.status.${feed.status}`)}
          </Badge>
        </Group>
        <Anchor href={feed.url} target="_blank" rel="noreferrer" size="xs" style={{ overflowWrap: 'anywhere' }}>
          {feed.url}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(`integrity.feeds.intervals.${feed.intervalSeconds}`, { defaultValue: t('integrity.feeds.everyMinutes', { count: Math.round(feed.intervalSeconds / 60) }) })}
          {' · '}
          {t('integrity.feeds.lastPoll', { when: when(feed.lastPolledAt) })}
          {feed.enabled && feed.nextPollAt ? ` · ${t('integrity.feeds.nextPoll', { when: when(feed.nextPollAt) })}` : ''}
        </Text>
        <Text size="sm">{t('integrity.feeds.totals', { created: feed.claimsCreated, updated: feed.claimsUpdated })}</Text>
        {result && !feed.lastError ? (
          <Text size="sm" c="dimmed">
            {result.notModified ? t('integrity.feeds.notModified') : t('integrity.feeds.result', { reviews: result.reviews, created: result.created, updated: result.updated, skipped: result.skipped })}
          </Text>
        ) : null}
        {feed.lastError ? (
          <Text size="sm" c="red.9" role="status">
            {t(`integrity.feeds.errors.${feed.lastError.code}`, { detail: feed.lastError.detail ?? '' })}{' '}
            {t('integrity.feeds.failures', { count: feed.consecutiveFailures, when: when(feed.lastErrorAt) })}
          </Text>
        ) : null}
        {problems.length > 0 ? (
          <List size="xs" aria-label={t('integrity.feeds.skippedLabel', { name: feed.name })}>
            {problems.slice(0, PROBLEMS_SHOWN).map((p) => (
              <List.Item key={`${p.index}-${p.reason}`}>{importProblemText(t, p)}</List.Item>
            ))}
            {(result?.skipped ?? 0) > PROBLEMS_SHOWN ? <List.Item>{t('integrity.feeds.moreSkipped', { count: (result?.skipped ?? 0) - PROBLEMS_SHOWN })}</List.Item> : null}
          </List>
        ) : null}
        {feed.policies.update || feed.policies.poll || feed.policies.delete ? (
          <Group gap="xs" wrap="wrap">
            {feed.policies.poll ? (
              <Button size="compact-sm" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} loading={poll.isPending} onClick={() => poll.mutate(feed.id)} aria-label={t('integrity.feeds.pollNamed', { name: feed.name })}>
                {t('integrity.feeds.poll')}
              </Button>
            ) : null}
            {feed.policies.update ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={feed.enabled ? <IconPlayerPause size={14} aria-hidden /> : <IconPlayerPlay size={14} aria-hidden />}
                loading={update.isPending}
                onClick={() => update.mutate({ id: feed.id, body: { enabled: !feed.enabled } })}
                aria-label={t(feed.enabled ? 'integrity.feeds.pauseNamed' : 'integrity.feeds.resumeNamed', { name: feed.name })}
              >
                {feed.enabled ? t('integrity.feeds.pause') : t('integrity.feeds.resume')}
              </Button>
            ) : null}
            {feed.policies.delete ? (
              <Button size="compact-sm" variant="subtle" color="red" c="red.9" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete} aria-label={t('integrity.feeds.deleteNamed', { name: feed.name })}>
                {t('integrity.feeds.delete')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        <ErrorAlert error={poll.error ?? update.error} />
      </Stack>
    </Paper>
  );
}

function AddFeedForm({ unitOptions }: { unitOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const create = useCreateClaimFeed();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [interval, setIntervalSeconds] = useState<string>('3600');
  const [unit, setUnit] = useState<string | null>(null);
  const unitId = unit ?? unitOptions[0]?.value ?? null;
  return (
    <form
      aria-labelledby="add-feed-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!unitId || !name.trim() || !url.trim()) return;
        create.mutate(
          { unitId, name: name.trim(), url: url.trim(), intervalSeconds: Number(interval) },
          {
            onSuccess: () => {
              setName('');
              setUrl('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-feed-heading">
          {t('integrity.feeds.add')}
        </Title>
        <TextInput label={t('integrity.feeds.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} size="xs" />
        <TextInput label={t('integrity.feeds.url')} description={t('integrity.feeds.urlHint')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} required type="url" size="xs" />
        <Select
          label={t('integrity.feeds.interval')}
          data={intervals.map((s) => ({ value: String(s), label: t(`integrity.feeds.intervals.${s}`) }))}
          value={interval}
          onChange={(v) => setIntervalSeconds(v ?? '3600')}
          allowDeselect={false}
          size="xs"
        />
        {unitOptions.length > 1 ? <Select label={t('integrity.feeds.unit')} data={unitOptions} value={unitId} onChange={setUnit} allowDeselect={false} size="xs" /> : null}
        <Button type="submit" size="xs" variant="default" loading={create.isPending} disabled={!name.trim() || !url.trim()} style={{ alignSelf: 'flex-start' }}>
          {t('integrity.feeds.create')}
        </Button>
        {create.data ? (
          <Text size="sm" role="status">
            {t('integrity.feeds.added', { name: create.data.name })}
          </Text>
        ) : null}
        <ErrorAlert error={create.error} />
      </Stack>
    </form>
  );
}

/** ClaimReview feeds polled into the registry: their health, what the last poll brought, and the actions the server allows on each. */
export function ClaimFeedsPanel({ unitOptions, timeZone }: { unitOptions: { value: string; label: string }[]; timeZone: string }) {
  const { t } = useTranslation();
  const feeds = useClaimFeeds();
  const remove = useDeleteClaimFeed();
  const refreshClaims = useRefreshClaimsOnImport();
  const [removing, setRemoving] = useState<ClaimFeed | null>(null);
  const items = feeds.data?.items ?? [];
  // Claims a poll brought in show in the list beside without a reload.
  const imported = items.reduce((n, f) => n + f.claimsCreated + f.claimsUpdated, 0);
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (seen.current !== null && imported !== seen.current) refreshClaims();
    seen.current = imported;
  }, [imported, refreshClaims]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feeds-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="feeds-heading">
          {t('integrity.feeds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('integrity.feeds.intro')}
        </Text>
        <ErrorAlert error={feeds.error} />
        {feeds.data && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrity.feeds.none')}
          </Text>
        ) : null}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((feed) => (
            <FeedCard key={feed.id} feed={feed} timeZone={timeZone} onDelete={() => setRemoving(feed)} />
          ))}
        </Stack>
        {feeds.data?.policies.create && unitOptions.length > 0 ? <AddFeedForm unitOptions={unitOptions} /> : null}
      </Stack>
      {removing ? (
        <ConfirmModal
          opened
          danger
          title={t('integrity.feeds.deleteTitle')}
          message={t('integrity.feeds.deleteMessage', { name: removing.name })}
          confirmLabel={t('integrity.feeds.delete')}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        />
      ) : null}
    </Paper>
  );
}

import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { CalendarEntry } from '../api/channels.api.ts';
import { useResolvePublication } from '../hooks/use-channels.ts';
import { platformName } from '../utils/platforms.ts';

/** A person settles an unconfirmed post: it is on the platform (with its address), or it is not. */
export function ResolveModal({ entry, onClose }: { entry: CalendarEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolvePublication();
  const [outcome, setOutcome] = useState<'published' | 'not-posted'>('published');
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);

  const close = () => {
    resolve.reset();
    setUrl('');
    setUrlError(null);
    setOutcome('published');
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!entry) return;
    if (outcome === 'published' && !URL.canParse(url.trim())) {
      setUrlError(t('channels.resolve.urlInvalid'));
      return;
    }
    resolve.mutate(
      { publicationId: entry.id, body: outcome === 'published' ? { outcome, url: url.trim() } : { outcome } },
      {
        onSuccess: () => {
          notifySuccess(t('channels.resolve.done'));
          close();
        },
      },
    );
  };

  return (
    <AppModal opened={entry !== null} onClose={close} title={t('channels.resolve.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {entry ? (
            <Text size="sm">
              {t('channels.resolve.intro', { platform: platformName(entry.platform), title: entry.statementTitle ?? t('channels.calendar.untitled') })}
            </Text>
          ) : null}
          {entry?.lastError ? (
            <Text size="sm" c="dimmed">
              {t('channels.calendar.lastError', { reason: entry.lastError })}
            </Text>
          ) : null}
          {resolve.error ? <ErrorAlert error={resolve.error} /> : null}
          <Radio.Group label={t('channels.resolve.question')} value={outcome} onChange={(v) => setOutcome(v === 'not-posted' ? 'not-posted' : 'published')}>
            <Stack gap="xs" mt="xs">
              <Radio value="published" label={t('channels.resolve.published')} />
              <Radio value="not-posted" label={t('channels.resolve.notPosted')} />
            </Stack>
          </Radio.Group>
          {outcome === 'published' ? (
            <TextInput
              label={t('channels.resolve.url')}
              description={t('channels.resolve.urlHint')}
              type="url"
              value={url}
              error={urlError}
              onChange={(e) => {
                setUrl(e.currentTarget.value);
                setUrlError(null);
              }}
              required
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={resolve.isPending}>
              {t('channels.resolve.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

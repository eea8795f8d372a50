import type { WebhookDto } from '@diplodesk/contracts';
import { Badge, Button, Checkbox, Code, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import type { WebhookWithSecret } from '../api/delivery.api.ts';
import { useCreateWebhook, useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook } from '../hooks/use-delivery.ts';
import { WebhookSecret } from './WebhookSecret.tsx';

type Unit = { value: string; label: string };

function WebhookForm({ webhook, units, onCreated, onDone }: { webhook: WebhookDto | null; units: Unit[]; onCreated(created: WebhookWithSecret): void; onDone(): void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const [unitId, setUnitId] = useState(webhook?.unitId ?? units[0]?.value ?? '');
  const [name, setName] = useState(webhook?.name ?? '');
  const [url, setUrl] = useState(webhook?.url ?? 'https://');
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [includeSubunits, setIncludeSubunits] = useState(webhook?.includeSubunits ?? false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), url: url.trim(), enabled, includeSubunits };
    if (webhook) update.mutate({ id: webhook.id, body }, { onSuccess: onDone });
    else create.mutate({ unitId, ...body }, { onSuccess: onCreated });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('insights.delivery.webhooks.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} data-autofocus />
        {webhook ? null : <Select label={t('insights.delivery.webhooks.unit')} data={units} value={unitId} onChange={(v) => setUnitId(v ?? '')} allowDeselect={false} />}
        <TextInput type="url" label={t('insights.delivery.webhooks.url')} description={t('insights.delivery.webhooks.urlHelp')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} required maxLength={2000} />
        <Checkbox label={t('insights.delivery.webhooks.includeSubunits')} checked={includeSubunits} onChange={(e) => setIncludeSubunits(e.currentTarget.checked)} />
        <Checkbox label={t('insights.delivery.webhooks.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <ErrorAlert error={create.error ?? update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {webhook ? t('insights.delivery.webhooks.save') : t('insights.delivery.webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A unit's webhooks: where alerts are POSTed, signed per Standard Webhooks. */
export function WebhooksPanel({ webhooks, units, mayCreate }: { webhooks: WebhookDto[]; units: Unit[]; mayCreate: boolean }) {
  const { t } = useTranslation();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [editing, setEditing] = useState<WebhookDto | 'new' | null>(null);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [rotating, setRotating] = useState<WebhookDto | null>(null);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);
  const unitName = (id: string) => units.find((u) => u.value === id)?.label ?? '';

  return (
    <SectionCard
      title={t('insights.delivery.webhooks.title')}
      description={t('insights.delivery.webhooks.intro')}
      actions={
        mayCreate ? (
          <Button size="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('insights.delivery.webhooks.add')}
          </Button>
        ) : null
      }
    >
      <Stack gap="sm">
        {webhooks.length === 0 ? <Text size="sm">{t('insights.delivery.webhooks.empty')}</Text> : null}
        {webhooks.map((w) => (
          <Stack key={w.id} gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
            <Group justify="space-between" wrap="wrap">
              <Group gap="xs">
                <Text fw={600}>{w.name}</Text>
                <Badge variant="light" radius="sm" color={w.enabled ? 'green' : 'gray'}>
                  {w.enabled ? t('insights.delivery.webhooks.on') : t('insights.delivery.webhooks.off')}
                </Badge>
              </Group>
              {w.policies.update ? (
                <Group gap="xs">
                  <Button variant="default" size="xs" onClick={() => setEditing(w)} aria-label={t('insights.delivery.webhooks.editNamed', { name: w.name })}>
                    {t('common.edit')}
                  </Button>
                  <Button variant="default" size="xs" onClick={() => setRotating(w)} aria-label={t('insights.delivery.webhooks.rotateNamed', { name: w.name })}>
                    {t('insights.delivery.webhooks.rotate')}
                  </Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(w)} aria-label={t('insights.delivery.webhooks.deleteNamed', { name: w.name })}>
                    {t('insights.delivery.webhooks.delete')}
                  </Button>
                </Group>
              ) : null}
            </Group>
            <Text size="sm">
              <Code>{w.url}</Code>
            </Text>
            <Text size="xs" c="dimmed">
              {w.includeSubunits ? t('insights.delivery.webhooks.scopeSubtree', { unit: unitName(w.unitId) }) : t('insights.delivery.webhooks.scopeUnit', { unit: unitName(w.unitId) })}
            </Text>
          </Stack>
        ))}
      </Stack>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('insights.delivery.webhooks.addTitle') : t('insights.delivery.webhooks.editTitle')}>
        {editing !== null ? (
          <WebhookForm
            webhook={editing === 'new' ? null : editing}
            units={units}
            onDone={() => setEditing(null)}
            onCreated={(created) => {
              setEditing(null);
              setSecret(created);
            }}
          />
        ) : null}
      </AppModal>
      <AppModal opened={secret !== null} onClose={() => setSecret(null)} closeOnClickOutside={false} title={t('insights.delivery.webhooks.secretTitle')}>
        {secret ? <WebhookSecret name={secret.webhook.name} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      </AppModal>
      <ConfirmModal
        opened={rotating !== null}
        title={t('insights.delivery.webhooks.rotateTitle')}
        message={t('insights.delivery.webhooks.rotateMessage', { name: rotating?.name ?? '' })}
        confirmLabel={t('insights.delivery.webhooks.rotate')}
        loading={rotate.isPending}
        error={rotate.error}
        onClose={() => setRotating(null)}
        onConfirm={() =>
          rotating &&
          rotate.mutate(rotating.id, {
            onSuccess: (result) => {
              setRotating(null);
              setSecret(result);
            },
          })
        }
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('insights.delivery.webhooks.deleteTitle')}
        message={t('insights.delivery.webhooks.deleteMessage', { name: deleting?.name ?? '' })}
        confirmLabel={t('insights.delivery.webhooks.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </SectionCard>
  );
}

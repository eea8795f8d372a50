import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import type { TemplateDto } from '../api/channels.api.ts';
import { useTemplates } from '../hooks/use-channels.ts';
import { type TemplatePurpose, useKindLabels } from '../hooks/use-kind-labels.ts';
import { TemplateEditor } from './TemplateEditor.tsx';
import { seededName } from '../../../lib/seeded-names.ts';

const purposeOrder: TemplatePurpose[] = ['condolence', 'congratulation', 'travel-advisory', 'rapid-rebuttal', 'other'];

/** Templates the unit can use (its own and the ministry-wide ones), grouped by purpose. */
export function TemplatesSection({ unitId, unitIds }: { unitId: string; unitIds: Set<string> }) {
  const { t } = useTranslation();
  const { kinds, purposes } = useKindLabels();
  const templates = useTemplates();
  const [editing, setEditing] = useState<TemplateDto | 'new' | null>(null);
  const items = (templates.data?.items ?? []).filter((x) => x.unitId === null || unitIds.has(x.unitId));

  return (
    <SectionCard
      title={t('channels.templates.title')}
      description={t('channels.templates.intro')}
      actions={
        templates.data?.policies.create ? (
          <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('channels.templates.create')}
          </Button>
        ) : null
      }
    >
      {templates.isPending ? <LoadingBlock minHeight={80} /> : null}
      {templates.error ? <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} /> : null}
      {templates.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('channels.templates.empty')}
        </Text>
      ) : null}
      <Stack gap="md">
        {purposeOrder
          .filter((p) => items.some((x) => x.purpose === p))
          .map((purpose) => (
            <div key={purpose}>
              <Title order={3} size="h5" mb={6}>
                {purposes[purpose]}
              </Title>
              <Stack component="ul" gap={6} p={0} m={0}>
                {items
                  .filter((x) => x.purpose === purpose)
                  .map((template) => (
                    <Paper component="li" key={template.id} withBorder p="sm" style={{ listStyle: 'none' }}>
                      <Group justify="space-between" gap="sm">
                        <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
                          <Text fw={600}>{seededName(template.name, t)}</Text>
                          <Group gap={6}>
                            <Badge variant="light" radius="sm" tt="none">
                              {kinds[template.statementKind]}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              {t('channels.templates.languageList', { languages: template.texts.map((x) => x.language.toUpperCase()).join(', ') })}
                            </Text>
                            {template.unitId === null ? (
                              <Text size="xs" c="dimmed">
                                {t('channels.templates.ministryWide')}
                              </Text>
                            ) : null}
                          </Group>
                        </Stack>
                        {template.policies.update ? (
                          <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(template)} aria-label={t('channels.templates.editLabel', { name: seededName(template.name, t) })}>
                            {t('common.edit')}
                          </Button>
                        ) : null}
                      </Group>
                    </Paper>
                  ))}
              </Stack>
            </div>
          ))}
      </Stack>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('channels.templates.create') : t('channels.templates.editTitle')} size="lg" closeOnClickOutside={false}>
        {editing !== null ? <TemplateEditor unitId={unitId} template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      </AppModal>
    </SectionCard>
  );
}

import type { AlertRuleDto } from '@diplodesk/contracts';
import { ActionIcon, Button, Group, Modal, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { AlertRuleForm } from '../modules/insights/components/AlertRuleForm.tsx';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { useAlertRules, useDeleteAlertRule, useToggleAlertRule } from '../modules/insights/hooks/use-insights.ts';
import { useSeriesLabel } from '../modules/insights/hooks/use-series-label.ts';
import { useManageableUnits } from '../modules/insights/hooks/use-manageable-units.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** The units' alert rules: what each watches, how it decides, on or off; add, change or delete. */
export function InsightsRulesPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insights.rules.title'));
  const rules = useAlertRules(canRead);
  const { units, manageable } = useManageableUnits();
  const toggle = useToggleAlertRule();
  const remove = useDeleteAlertRule();
  const seriesLabel = useSeriesLabel(['topic', 'country', 'language', 'source', 'saved-search']);
  const [editing, setEditing] = useState<AlertRuleDto | 'new' | null>(null);
  const unitName = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  if (!canRead) return <ForbiddenNotice />;
  const canCreate = (rules.data?.policies.create ?? false) && manageable.length > 0;
  return (
    <Stack gap="lg">
      <PageHeader
        mb={0}
        title={t('insights.rules.title')}
        description={t('insights.rules.intro')}
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('insights.rules.add')}
            </Button>
          ) : null
        }
      />
      <InsightsNav active="rules" />
      <ErrorAlert error={rules.error ?? toggle.error ?? remove.error} />
      {rules.isPending ? <LoadingBlock /> : null}
      {rules.data && rules.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {canCreate ? t('insights.rules.noneCanAdd') : t('insights.rules.none')}
        </Text>
      ) : null}
      {rules.data && rules.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('insights.rules.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('insights.rules.columns.watches')}</Table.Th>
                <Table.Th scope="col">{t('insights.rules.columns.kind')}</Table.Th>
                <Table.Th scope="col">{t('insights.rules.columns.unit')}</Table.Th>
                <Table.Th scope="col">{t('insights.rules.columns.lastChecked')}</Table.Th>
                <Table.Th scope="col">{t('insights.rules.columns.on')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('insights.rules.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.items.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Th scope="row" fw={600}>
                    {rule.name}
                  </Table.Th>
                  <Table.Td>{seriesLabel(rule.dimension, rule.key)}</Table.Td>
                  <Table.Td>{rule.kind === 'threshold' ? t('insights.rules.thresholdOf', { count: rule.threshold ?? 0, bucket: t(`insights.alerts.buckets.${rule.bucket}`) }) : t(`insights.rules.kinds.${rule.kind}`)}</Table.Td>
                  <Table.Td>{unitName.get(rule.unitId) ?? ''}</Table.Td>
                  <Table.Td>{rule.lastEvaluatedAt ? formatDateTime(rule.lastEvaluatedAt, locale, me.user.timeZone) : t('insights.rules.notYet')}</Table.Td>
                  <Table.Td>
                    <Switch aria-label={t('insights.rules.enabledLabel', { name: rule.name })} checked={rule.enabled} disabled={!rule.policies.update} onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.currentTarget.checked })} />
                  </Table.Td>
                  <Table.Td>
                    {rule.policies.update ? (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={t('insights.rules.edit', { name: rule.name })} onClick={() => setEditing(rule)}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('insights.rules.delete', { name: rule.name })}
                          onClick={() => {
                            if (window.confirm(t('insights.rules.confirmDelete', { name: rule.name }))) remove.mutate(rule.id);
                          }}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('insights.rules.add') : t('insights.rules.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing !== null ? <AlertRuleForm rule={editing === 'new' ? null : editing} units={manageable} timeZone={me.user.timeZone} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

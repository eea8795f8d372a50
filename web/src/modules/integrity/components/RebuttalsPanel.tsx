import type { StatementStatus } from '@diplodesk/contracts';
import { statementStatuses } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { durationText } from '../../insights/components/AlertCard.tsx';
import { statusLabelKeys, statusLook } from '../../statements/utils/statement-status.ts';
import type { RebuttalSubject } from '../api/rebuttals.api.ts';
import { useRebuttals } from '../hooks/use-rebuttals.ts';

const isStatus = (s: string): s is StatementStatus => (statementStatuses as readonly string[]).includes(s);

/**
 * The statements rebutting a finding or a claim: their state, the newsroom page once published,
 * and for a finding the time from its being raised to the first published rebuttal. When a
 * rebuttal is out and the finding is open, resolving it as "responded" is offered (ADR 0028).
 */
export function RebuttalsPanel({ subject, timeZone, onResolveResponded, resolving }: { subject: RebuttalSubject; timeZone: string; onResolveResponded?: (() => void) | undefined; resolving?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const rebuttals = useRebuttals(subject);
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const data = rebuttals.data;
  const published = data?.items.some((r) => r.status === 'published') ?? false;
  const headingId = `rebuttals-heading-${subject.kind}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('integrityRebuttals.title')}
        </Title>
        <ErrorAlert error={rebuttals.error} />
        {data?.response ? (
          <Text size="sm" fw={500}>
            {data.response.minutesToPublish !== null
              ? t('integrityRebuttals.publishedAfter', { duration: durationText(data.response.minutesToPublish, t) })
              : t('integrityRebuttals.drafted', { when: data.response.draftedAt ? when(data.response.draftedAt) : '' })}
          </Text>
        ) : null}
        {data && data.items.length === 0 && data.hidden === 0 ? (
          <Text size="sm" c="dimmed">
            {t(subject.kind === 'finding' ? 'integrityRebuttals.noneFinding' : 'integrityRebuttals.noneClaim')}
          </Text>
        ) : null}
        {data && data.items.length > 0 ? (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.items.map((r) => {
              const look = isStatus(r.status) ? statusLook[r.status] : null;
              return (
                <Paper key={r.statementId} component="li" withBorder p="sm">
                  <Stack gap={4}>
                    <Group gap="xs" wrap="wrap">
                      <Anchor component={Link} to={`/statements/${r.statementId}`} fw={500} dir="auto">
                        {r.title || t('integrityRebuttals.untitled')}
                      </Anchor>
                      <Badge variant="light" color={look?.color ?? 'gray'} leftSection={look ? <look.Icon size={12} aria-hidden /> : null}>
                        {isStatus(r.status) ? t(statusLabelKeys[r.status]) : r.status}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {r.publishedAt ? t('integrityRebuttals.publishedOn', { when: when(r.publishedAt) }) : t('integrityRebuttals.draftedOn', { when: when(r.createdAt) })}
                      {subject.kind === 'claim' && r.respondsTo.type === 'integrity-finding' ? ` · ${t('integrityRebuttals.viaFinding')}` : ''}
                    </Text>
                    {r.newsroomUrl ? (
                      <Anchor href={r.newsroomUrl} target="_blank" rel="noopener" size="sm">
                        <Group gap={4} component="span" wrap="nowrap">
                          {t('integrityRebuttals.openNewsroom')}
                          <IconExternalLink size={14} aria-hidden />
                          <VisuallyHidden>{t('integrityRebuttals.newTab')}</VisuallyHidden>
                        </Group>
                      </Anchor>
                    ) : null}
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        ) : null}
        {data && data.hidden > 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrityRebuttals.hidden', { count: data.hidden })}
          </Text>
        ) : null}
        {published && onResolveResponded ? (
          <Group gap="sm" wrap="wrap">
            <Text size="sm">{t('integrityRebuttals.resolveOffer')}</Text>
            <Button size="xs" leftSection={<IconCircleCheck size={14} aria-hidden />} loading={resolving ?? false} onClick={onResolveResponded}>
              {t('integrityRebuttals.resolveResponded')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

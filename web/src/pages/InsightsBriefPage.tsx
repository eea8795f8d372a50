import { Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime, intlLocale, toUiLocale } from '../lib/intl.ts';
import { unitsWithPermission } from '../lib/unit-access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { briefPdfHref } from '../modules/insights/api/brief.api.ts';
import { BriefScheduleCard } from '../modules/insights/components/BriefScheduleCard.tsx';
import { BriefSectionCard } from '../modules/insights/components/BriefSectionCard.tsx';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { useBrief, useBriefDeliveries, useBriefSchedule } from '../modules/insights/hooks/use-brief.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

/** Today in a zone, as `YYYY-MM-DD`. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A unit's daily brief: pick the unit and the day; read the sections, download the PDF, set the e-mail schedule. */
export function InsightsBriefPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insightsBrief.title'));
  const units = useUnits(canRead);
  const readable = useMemo(() => unitsWithPermission(units.data?.items ?? [], me.user.memberships, 'insight.read'), [units.data, me.user.memberships]);
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? readable[0]?.id ?? '';
  const unit = readable.find((u) => u.id === unitId);
  const date = params.get('date') ?? (unit ? todayIn(unit.timeZone) : '');
  const [pdfLang, setPdfLang] = useState<'en' | 'id'>(locale);
  useEffect(() => setPdfLang(locale), [locale]);
  const brief = useBrief(unit ? unitId : '', date);
  const schedule = useBriefSchedule(unit ? unitId : '');
  const deliveries = useBriefDeliveries(unit ? unitId : '');
  const choose = (next: { unit?: string; date?: string }) => setParams({ unit: next.unit ?? unitId, date: next.date ?? date }, { replace: true });
  if (!canRead) return <ForbiddenNotice />;
  const dateTime = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: brief.data?.timeZone ?? 'UTC' });
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('insightsBrief.title')} description={t('insightsBrief.intro')} />
      <InsightsNav active="brief" />
      {units.isPending ? <LoadingBlock /> : null}
      {units.data && readable.length === 0 ? <Text c="dimmed">{t('insightsBrief.noUnits')}</Text> : null}
      {unit ? (
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select label={t('insightsBrief.unit')} data={readable.map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={(v) => v && choose({ unit: v, date: todayIn(readable.find((u) => u.id === v)?.timeZone ?? 'UTC') })} allowDeselect={false} w={280} />
          <TextInput type="date" label={t('insightsBrief.date')} value={date} onChange={(e) => e.currentTarget.value && choose({ date: e.currentTarget.value })} w={180} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pdf-language-label">
              {t('insightsBrief.pdfLanguage')}
            </Text>
            <SegmentedControl
              aria-labelledby="pdf-language-label"
              value={pdfLang}
              onChange={(v) => setPdfLang(v as 'en' | 'id')}
              data={[
                { value: 'en', label: t('insightsBrief.languages.en') },
                { value: 'id', label: t('insightsBrief.languages.id') },
              ]}
            />
          </Stack>
          <Button component="a" href={briefPdfHref(unitId, date, pdfLang)} download leftSection={<IconDownload size={16} aria-hidden />}>
            {t('insightsBrief.downloadPdf')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={brief.error ?? schedule.error} />
      {brief.isPending && unit ? <LoadingBlock /> : null}
      {brief.data ? (
        <>
          <Text size="sm" c="dimmed">
            {t('insightsBrief.period', { from: dateTime.format(new Date(brief.data.from)), to: dateTime.format(new Date(brief.data.to)), zone: brief.data.timeZone })}
          </Text>
          {brief.data.sections.map((s) => (
            <BriefSectionCard key={s.id} section={s} timeZone={brief.data.timeZone} />
          ))}
        </>
      ) : null}
      {schedule.data ? <BriefScheduleCard schedule={schedule.data} /> : null}
      {deliveries.data ? (
        <SectionCard title={t('insightsBrief.log.title')}>
          {deliveries.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('insightsBrief.log.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('insightsBrief.log.day')}</Table.Th>
                    <Table.Th scope="col">{t('insightsBrief.log.to')}</Table.Th>
                    <Table.Th scope="col">{t('insightsBrief.log.state')}</Table.Th>
                    <Table.Th scope="col">{t('insightsBrief.log.sentAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {deliveries.data.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>{d.date}</Table.Td>
                      <Table.Td>{d.target}</Table.Td>
                      <Table.Td title={d.lastError ?? undefined}>{t(`insightsBrief.log.states.${d.state}`)}</Table.Td>
                      <Table.Td>{d.sentAt ? formatDateTime(d.sentAt, locale, me.user.timeZone) : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionCard>
      ) : null}
    </Stack>
  );
}

import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { intlLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { CalendarBoard } from '../modules/channels/components/CalendarBoard.tsx';
import { UnitPicker } from '../modules/channels/components/UnitPicker.tsx';
import { useCalendar } from '../modules/channels/hooks/use-channels.ts';
import { useUnitChoice } from '../modules/channels/hooks/use-unit-choice.ts';
import { type CalendarView, calendarRange, dayInZone, shiftAnchor } from '../modules/channels/utils/calendar-range.ts';
import { unitsWithPermission } from '../lib/unit-access.ts';
import { useFormatters } from '../modules/session/hooks/use-formatters.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

function periodLabel(view: CalendarView, days: string[], month: string, locale: string): string {
  const utcNoon = (day: string) => new Date(`${day}T12:00:00Z`);
  if (view === 'month') return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(`${month}-01`));
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return f.formatRange(utcNoon(days[0] ?? month), utcNoon(days[days.length - 1] ?? month));
}

export function StatementCalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('channels.calendar.title'));
  const fmt = useFormatters();
  const me = useCurrentMe();
  const units = useUnits();
  const choice = useUnitChoice('statement.read');
  const [params, setParams] = useSearchParams();
  const view: CalendarView = params.get('view') === 'month' ? 'month' : 'week';
  const today = dayInZone(new Date(), fmt.timeZone);
  const wanted = params.get('date');
  const anchor = wanted && /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? wanted : today;
  const range = calendarRange(view, anchor, fmt.timeZone);
  const month = anchor.slice(0, 7);
  const calendar = useCalendar(choice.unitId, range.from, range.to);
  const canAct = choice.unitId !== null && unitsWithPermission(units.data?.items ?? [], me.user.memberships, 'statement.approve').some((u) => u.id === choice.unitId);
  const label = periodLabel(view, range.days, month, intlLocale(fmt.locale));

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const move = (direction: 1 | -1) => update({ date: shiftAnchor(view, anchor, direction) });

  // Page Up / Page Down step through periods while focus is anywhere in the calendar.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      move(event.key === 'PageUp' ? -1 : 1);
    }
  };

  return (
    <>
      <StatementsAreaNav active="calendar" />
      <PageHeader title={t('channels.calendar.title')} description={t('channels.calendar.intro', { timeZone: fmt.timeZone })} />
      {choice.isPending ? <LoadingBlock /> : null}
      {!choice.isPending && choice.options.length === 0 ? <ForbiddenNotice /> : null}
      {choice.unitId ? (
        <Stack gap="md" onKeyDown={onKeyDown}>
          <UnitPicker options={choice.options} value={choice.unitId} onChange={choice.setUnitId} />
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="default"
                size="sm"
                px={8}
                onClick={() => move(-1)}
                aria-label={view === 'week' ? t('channels.calendar.previousWeek') : t('channels.calendar.previousMonth')}
                aria-keyshortcuts="PageUp"
              >
                <IconChevronLeft size={18} aria-hidden />
              </Button>
              <Button variant="default" size="sm" onClick={() => update({ date: today })}>
                {t('channels.calendar.today')}
              </Button>
              <Button
                variant="default"
                size="sm"
                px={8}
                onClick={() => move(1)}
                aria-label={view === 'week' ? t('channels.calendar.nextWeek') : t('channels.calendar.nextMonth')}
                aria-keyshortcuts="PageDown"
              >
                <IconChevronRight size={18} aria-hidden />
              </Button>
            </Group>
            <SegmentedControl
              aria-label={t('channels.calendar.viewLabel')}
              value={view}
              onChange={(value) => update({ view: value === 'month' ? 'month' : 'week' })}
              data={[
                { value: 'week', label: t('channels.calendar.week') },
                { value: 'month', label: t('channels.calendar.month') },
              ]}
            />
          </Group>
          <Title order={2} size="h3" aria-live="polite">
            {label}
          </Title>
          <Text size="xs" c="dimmed">
            {t('channels.calendar.keyboardHint')}
          </Text>
          {calendar.error ? <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
          {calendar.isPending ? <LoadingBlock /> : null}
          {calendar.data ? <CalendarBoard view={view} days={range.days} month={month} today={today} entries={calendar.data.items} newsroom={calendar.data.newsroom} canAct={canAct} /> : null}
        </Stack>
      ) : null}
    </>
  );
}

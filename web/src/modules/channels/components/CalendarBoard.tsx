import { Box, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../../lib/intl.ts';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import type { CalendarEntry, NewsroomCalendarEntry } from '../api/channels.api.ts';
import { type CalendarView, type DayKey, groupByDay } from '../utils/calendar-range.ts';
import { CalendarEntryCard } from './CalendarEntryCard.tsx';
import { NewsroomEntryCard } from './NewsroomEntryCard.tsx';
import { ResolveModal } from './ResolveModal.tsx';

export interface CalendarBoardProps {
  view: CalendarView;
  days: DayKey[];
  /** The month shown (`YYYY-MM`), to dim the neighbouring months' days in the month grid. */
  month: string;
  today: DayKey;
  entries: CalendarEntry[];
  /** Statements going out on the newsroom (newsroom-only ones have no posts). */
  newsroom: NewsroomCalendarEntry[];
  canAct: boolean;
}

type BoardItem = { kind: 'post'; scheduledAt: string; entry: CalendarEntry } | { kind: 'newsroom'; scheduledAt: string; entry: NewsroomCalendarEntry };

function dayDate(day: DayKey): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** Week or month grid on wide screens; on a phone, a list of the days that have posts. */
export function CalendarBoard({ view, days, month, today, entries, newsroom, canAct }: CalendarBoardProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const phone = useMediaQuery('(max-width: 48em)', false);
  const [resolving, setResolving] = useState<CalendarEntry | null>(null);
  const items = useMemo<BoardItem[]>(
    () => [
      // The newsroom first at the same minute: the social posts link to its page.
      ...newsroom.map((entry) => ({ kind: 'newsroom' as const, scheduledAt: entry.scheduledAt, entry })),
      ...entries.map((entry) => ({ kind: 'post' as const, scheduledAt: entry.scheduledAt, entry })),
    ],
    [entries, newsroom],
  );
  const byDay = useMemo(() => groupByDay(items, fmt.timeZone), [items, fmt.timeZone]);
  const locale = intlLocale(fmt.locale);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }), [locale, fmt.timeZone]);
  const longDay = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }), [locale]);
  const shortDay = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }), [locale]);
  const weekdayNames = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i, 12))));
  }, [locale]);

  const entryList = (day: DayKey) =>
    (byDay.get(day) ?? []).map((item) =>
      item.kind === 'newsroom' ? (
        <NewsroomEntryCard key={`newsroom-${item.entry.statementId}`} entry={item.entry} time={timeFormat.format(new Date(item.scheduledAt))} />
      ) : (
        <CalendarEntryCard key={item.entry.id} entry={item.entry} time={timeFormat.format(new Date(item.scheduledAt))} canAct={canAct} onResolve={setResolving} />
      ),
    );

  const dayHeading = (day: DayKey, compact: boolean) => (
    <Title order={3} size="xs" fw={day === today ? 800 : 600} c={day === today ? 'navy.8' : undefined}>
      {compact ? shortDay.format(dayDate(day)) : longDay.format(dayDate(day))}
      {day === today ? ` · ${t('channels.calendar.today')}` : ''}
    </Title>
  );

  const modal = <ResolveModal entry={resolving} onClose={() => setResolving(null)} />;

  if (phone) {
    const withPosts = days.filter((day) => (byDay.get(day)?.length ?? 0) > 0);
    return (
      <>
        {withPosts.length === 0 ? (
          <Group gap="sm" c="dimmed" p="md">
            <IconCalendarEvent size={20} aria-hidden />
            <Text size="sm">{t('channels.calendar.empty')}</Text>
          </Group>
        ) : (
          <Stack gap="md">
            {withPosts.map((day) => (
              <section key={day} aria-current={day === today ? 'date' : undefined}>
                {dayHeading(day, false)}
                <Stack component="ul" gap={6} p={0} m={0} mt={6}>
                  {entryList(day)}
                </Stack>
              </section>
            ))}
          </Stack>
        )}
        {modal}
      </>
    );
  }

  return (
    <>
      {items.length === 0 ? (
        <Group gap="sm" c="dimmed" mb="sm">
          <IconCalendarEvent size={20} aria-hidden />
          <Text size="sm">{t('channels.calendar.empty')}</Text>
        </Group>
      ) : null}
      {view === 'month' ? (
        <SimpleGrid cols={7} spacing={4} verticalSpacing={0} aria-hidden>
          {weekdayNames.map((name) => (
            <Text key={name} size="xs" fw={600} c="dimmed" ta="center">
              {name}
            </Text>
          ))}
        </SimpleGrid>
      ) : null}
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {days.map((day) => {
          const outside = view === 'month' && !day.startsWith(month);
          return (
            <Box
              component="section"
              key={day}
              aria-current={day === today ? 'date' : undefined}
              p={6}
              mih={view === 'week' ? 220 : 96}
              style={{
                border: day === today ? '2px solid var(--mantine-color-navy-6, var(--mantine-color-blue-6))' : '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-sm)',
                background: outside ? 'var(--mantine-color-gray-0)' : 'var(--mantine-color-body)',
                minWidth: 0,
              }}
            >
              {dayHeading(day, view === 'month')}
              <Stack component="ul" gap={4} p={0} m={0} mt={4}>
                {entryList(day)}
              </Stack>
            </Box>
          );
        })}
      </SimpleGrid>
      {modal}
    </>
  );
}

import { IconNews } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NewsroomCalendarEntry } from '../api/channels.api.ts';
import { CalendarCardFrame } from './CalendarCardFrame.tsx';

export interface NewsroomEntryCardProps {
  entry: NewsroomCalendarEntry;
  time: string;
}

/** A statement on the ministry's own newsroom: it goes out there whether or not it has social posts. */
export function NewsroomEntryCard({ entry, time }: NewsroomEntryCardProps) {
  const { t } = useTranslation();
  return (
    <CalendarCardFrame
      state={entry.state}
      time={time}
      icon={<IconNews size={14} stroke={1.7} aria-hidden />}
      channel={t('channels.calendar.newsroom')}
      statementId={entry.statementId}
      title={entry.statementTitle ?? t('channels.calendar.untitled')}
    />
  );
}

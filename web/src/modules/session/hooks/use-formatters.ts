import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { browserTimeZone } from '../../../lib/time-zones.ts';
import { useMe } from './use-me.ts';

/** Dates and numbers in the interface language and the person's own time zone. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const timeZone = me?.user.timeZone ?? browserTimeZone();
  return useMemo(
    () => ({
      locale,
      timeZone,
      dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
      date: (iso: string) => formatDate(iso, locale, timeZone),
      number: (value: number) => formatNumber(value, locale),
    }),
    [locale, timeZone],
  );
}

import { useTranslation } from 'react-i18next';
import { formatDateTime, toUiLocale } from '../../../lib/intl.ts';
import { useCurrentMe } from '../../session/hooks/use-me.ts';

/** Formats instants in the signed-in person's own time zone and interface language. */
export function useFormatInstant(): (iso: string) => string {
  const { i18n } = useTranslation();
  const me = useCurrentMe();
  const locale = toUiLocale(i18n.language);
  return (iso) => formatDateTime(iso, locale, me.user.timeZone);
}

/** An instant in a given zone (the audience's), with the zone named. */
export function formatInZone(iso: string, uiLanguage: string, timeZone: string): string {
  const locale = toUiLocale(uiLanguage) === 'id' ? 'id-ID' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

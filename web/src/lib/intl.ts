import type { UiLocale } from '@diplodesk/contracts';

export const uiLocales = ['en', 'id'] as const satisfies readonly UiLocale[];

export function toUiLocale(language: string | undefined): UiLocale {
  return language?.toLowerCase().startsWith('id') ? 'id' : 'en';
}

/** Interface language → the locale Intl formats with (British English matches our spelling). */
export function intlLocale(locale: UiLocale): string {
  return locale === 'id' ? 'id-ID' : 'en-GB';
}

export function formatDateTime(iso: string, locale: UiLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: safeTimeZone(timeZone),
  }).format(new Date(iso));
}

export function formatDate(iso: string, locale: UiLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeZone: safeTimeZone(timeZone),
  }).format(new Date(iso));
}

export function formatNumber(value: number, locale: UiLocale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

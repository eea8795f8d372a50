import type { MonitorWarningDto } from '@diplodesk/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { UiLocale } from '@diplodesk/contracts';
import { intlLocale, toUiLocale } from '../../../lib/intl.ts';

/** Why a monitor warns, in one sentence: which figure, which day, against which bound (the monitors page and the alerts inbox alike). */
export function warningSentence(warning: MonitorWarningDto, t: TFunction, language: UiLocale): string {
  const locale = intlLocale(language);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(warning.at));
  return t(`insightsMonitors.warning.${warning.reason}`, {
    metric: t(`insightsMonitors.warning.metric.${warning.metric}`),
    day,
    observed: number.format(warning.observed),
    lower: number.format(warning.lower),
    upper: number.format(warning.upper),
    level: number.format(warning.level ?? 0),
  });
}

export function WarningText({ warning }: { warning: MonitorWarningDto }) {
  const { t, i18n } = useTranslation();
  return <>{warningSentence(warning, t, toUiLocale(i18n.resolvedLanguage))}</>;
}

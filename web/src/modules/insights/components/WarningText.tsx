import type { MonitorWarningDto } from '@diplodesk/contracts';
import { useTranslation } from 'react-i18next';
import { intlLocale, toUiLocale } from '../../../lib/intl.ts';

/** Why a monitor warns, in one sentence: which figure, which day, against which bound. */
export function WarningText({ warning }: { warning: MonitorWarningDto }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(toUiLocale(i18n.resolvedLanguage));
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(warning.at));
  return (
    <>
      {t(`insightsMonitors.warning.${warning.reason}`, {
        metric: t(`insightsMonitors.warning.metric.${warning.metric}`),
        day,
        observed: number.format(warning.observed),
        lower: number.format(warning.lower),
        upper: number.format(warning.upper),
        level: number.format(warning.level ?? 0),
      })}
    </>
  );
}

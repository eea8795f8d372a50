import type { AlertDto, MonitorDto } from '@diplodesk/contracts';

/**
 * The listening search behind a monitor's figures: its topics, the chosen country (else its
 * countries; none = the whole world) and the period.
 *
 * @example monitorSearchHref(monitor, { country: 'UA', from, to }) // "/listening?topics=…&countries=UA&from=…&to=…"
 */
export function monitorSearchHref(monitor: Pick<MonitorDto, 'topicIds' | 'countries'>, opts: { country?: string | null; from: string; to: string }): string {
  const params = new URLSearchParams();
  if (monitor.topicIds.length > 0) params.set('topics', monitor.topicIds.join(','));
  const countries = opts.country ? [opts.country] : monitor.countries;
  if (countries.length > 0) params.set('countries', countries.join(','));
  params.set('from', opts.from);
  params.set('to', opts.to);
  return `/listening?${params}`;
}

/** The monitor's name in the interface language: the seeded name in both languages until someone renames it. */
export function monitorName(monitor: Pick<MonitorDto, 'name' | 'labels'>, language: 'en' | 'id'): string {
  return monitor.labels ? monitor.labels[language] : monitor.name;
}

/** The name of what raised an alert (or of a delivery's alert) in the interface language: a seeded monitor's in both languages, else as named. */
export function alertName(alert: Pick<AlertDto, 'ruleName' | 'ruleLabels'>, language: 'en' | 'id'): string {
  return monitorName({ name: alert.ruleName, labels: alert.ruleLabels }, language);
}

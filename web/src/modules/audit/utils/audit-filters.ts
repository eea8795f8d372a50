import { startOfDayInZone } from '../../../lib/zoned-time.ts';
import type { AuditQuery } from '../api/audit.api.ts';

/** What the filter form holds: plain text and calendar days as the person typed them. */
export interface AuditFilterValues {
  action: string;
  targetType: string;
  targetId: string;
  fromDay: string;
  toDay: string;
}

export const emptyAuditFilters: AuditFilterValues = { action: '', targetType: '', targetId: '', fromDay: '', toDay: '' };

/**
 * Days are whole days in the person's time zone: `from` is the start of the first day and `to`
 * the last millisecond of the last day.
 */
export function toAuditQuery(values: AuditFilterValues, timeZone: string): AuditQuery {
  const query: AuditQuery = {};
  if (values.action.trim()) query.action = values.action.trim();
  if (values.targetType.trim()) query.targetType = values.targetType.trim();
  if (values.targetId.trim()) query.targetId = values.targetId.trim();
  const from = values.fromDay ? startOfDayInZone(values.fromDay, timeZone) : null;
  if (from) query.from = from.toISOString();
  const nextDay = values.toDay ? startOfDayInZone(values.toDay, timeZone, 1) : null;
  if (nextDay) query.to = new Date(nextDay.getTime() - 1).toISOString();
  return query;
}

export function isDayRangeValid(values: AuditFilterValues): boolean {
  return !values.fromDay || !values.toDay || values.fromDay <= values.toDay;
}

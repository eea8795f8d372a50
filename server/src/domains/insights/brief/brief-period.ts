// The days a brief covers and when a scheduled brief is due, in IANA zones. Pure, so daylight
// saving and date lines are tested without a database.
import { Temporal } from '@js-temporal/polyfill';

export type BriefPeriod = { date: string; timeZone: string; from: Date; to: Date };

/** The unit's day `date` (`YYYY-MM-DD`) in `timeZone`: from its local midnight to the next one (23 or 25 hours on a clock change). */
export function dayPeriod(date: string, timeZone: string): BriefPeriod {
  const day = Temporal.PlainDate.from(date);
  const from = day.toZonedDateTime({ timeZone }).toInstant();
  const to = day.add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant();
  return { date: day.toString(), timeZone, from: new Date(from.epochMilliseconds), to: new Date(to.epochMilliseconds) };
}

/** The local date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The hours of a period as local `HH:00` labels with their UTC starts (a chart's x axis). */
export function hoursOf(period: Pick<BriefPeriod, 'from' | 'to' | 'timeZone'>): { at: Date; label: string }[] {
  const out: { at: Date; label: string }[] = [];
  for (let t = period.from.getTime(); t < period.to.getTime(); t += 3_600_000) {
    const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(period.timeZone);
    out.push({ at: new Date(t), label: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}` });
  }
  return out;
}

/**
 * Whether a schedule's brief is due at `now`: the local time in the schedule's zone has reached
 * `timeOfDay`. The day sent on is `sendDay`; the brief covers the whole day before it (`briefDate`),
 * which has ended everywhere by then in the schedule's own zone.
 */
export function dueBrief(now: Date, schedule: { timeOfDay: string; timeZone: string }): { sendDay: string; briefDate: string } | null {
  const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(schedule.timeZone);
  const [h, m] = schedule.timeOfDay.split(':').map(Number);
  if (local.hour * 60 + local.minute < (h ?? 0) * 60 + (m ?? 0)) return null;
  const sendDay = local.toPlainDate();
  return { sendDay: sendDay.toString(), briefDate: sendDay.subtract({ days: 1 }).toString() };
}

// Fair time finder: every start in a range, scored for each party on its own wall clock, ranked by
// the worst-off party first (minimise the largest inconvenience, then the sum), then by start.

import { publicHoliday } from './holidays.ts';
import { DEFAULT_WORKING_WEEK, emptyInconvenience, type Inconvenience, parseClock, roundInconvenience, scoreStretch, type WorkingWeek } from './inconvenience.ts';
import { formatOffset, formatWall, isKnownZone, offsetAt, transitionsBetween, wallFromUtcFields, type ZoneTransition } from './zone-time.ts';

/** A participant or a delegation: whoever must attend from one place. */
export type Party = {
  id: string;
  timeZone: string;
  /** Default 09:00–17:00, Monday to Friday. */
  workingWeek?: WorkingWeek;
  /** ISO 3166-1 alpha-2; its public holidays count as days off. */
  country?: string;
  /** Extra local dates off ("2026-04-10"), e.g. a religious observance the party declared. */
  daysOff?: readonly string[];
};

export type SlotQuery = {
  parties: readonly Party[];
  /** First possible start and the end of the range (an instant, ms or Date); a slot ends by `to`. */
  from: number | Date;
  to: number | Date;
  durationMinutes: number;
  stepMinutes?: 5 | 10 | 15 | 20 | 30 | 60;
  /** How many slots to return (default 10). */
  limit?: number;
  /** Public holidays by country and local date; default: the `date-holidays` data. */
  holidayOf?: (country: string, localDate: string) => string | undefined;
};

export type PartyAtSlot = {
  partyId: string;
  timeZone: string;
  /** Local start and end with their offsets, e.g. "2026-03-11T09:00+07:00". */
  localStart: string;
  localEnd: string;
  inconvenience: Inconvenience;
  /** Names of the local days off the meeting touches (holiday names, declared days off). */
  daysOff: string[];
};

export type Slot = { start: string; end: string; startMs: number; worst: number; sum: number; parties: PartyAtSlot[] };

export class SlotQueryError extends Error {
  readonly code = 'slot_query_invalid';
}

const MINUTE = 60_000;
const MAX_STARTS = 20_000;

function check(q: SlotQuery): { from: number; to: number; step: number } {
  const from = Number(q.from);
  const to = Number(q.to);
  const step = q.stepMinutes ?? 30;
  if (q.parties.length === 0) throw new SlotQueryError('At least one party is needed');
  if (!Number.isInteger(q.durationMinutes) || q.durationMinutes < 5 || q.durationMinutes > 24 * 60) throw new SlotQueryError('The duration must be 5 minutes to 24 hours');
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from < q.durationMinutes * MINUTE) throw new SlotQueryError('The range must hold at least one meeting');
  if ((to - from) / (step * MINUTE) > MAX_STARTS) throw new SlotQueryError(`The range holds more than ${MAX_STARTS} starts; narrow it or take a longer step`);
  const ids = new Set<string>();
  for (const p of q.parties) {
    if (ids.has(p.id)) throw new SlotQueryError(`Party "${p.id}" appears twice`);
    ids.add(p.id);
    if (!isKnownZone(p.timeZone)) throw new SlotQueryError(`Unknown time zone "${p.timeZone}" for party "${p.id}"`);
    const week = p.workingWeek ?? DEFAULT_WORKING_WEEK;
    try {
      if (parseClock(week.start) >= parseClock(week.end)) throw new SlotQueryError(`Working hours of "${p.id}" end before they start`);
    } catch (error) {
      throw error instanceof SlotQueryError ? error : new SlotQueryError(`Working hours of "${p.id}": ${(error as Error).message}`);
    }
    if (week.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new SlotQueryError(`Working days of "${p.id}" must be ISO weekdays 1–7`);
  }
  return { from, to, step };
}

type Prepared = { party: Party; week: WorkingWeek; transitions: ZoneTransition[]; baseOffset: number; dayOff: (d: string) => string | undefined };

function prepare(q: SlotQuery, from: number, to: number): Prepared[] {
  const holidayOf = q.holidayOf ?? publicHoliday;
  return q.parties.map((party) => {
    const declared = new Set(party.daysOff ?? []);
    const cache = new Map<string, string | undefined>();
    const dayOff = (d: string): string | undefined => {
      if (!cache.has(d)) cache.set(d, (party.country ? holidayOf(party.country, d) : undefined) ?? (declared.has(d) ? 'day off' : undefined));
      return cache.get(d);
    };
    return { party, week: party.workingWeek ?? DEFAULT_WORKING_WEEK, transitions: transitionsBetween(party.timeZone, from, to), baseOffset: offsetAt(from, party.timeZone), dayOff };
  });
}

function offsetFrom(p: Prepared, instant: number): number {
  let offset = p.baseOffset;
  for (const t of p.transitions) if (t.at <= instant) offset = t.offsetTo;
  return offset;
}

function partyAt(p: Prepared, start: number, end: number): PartyAtSlot {
  const score = emptyInconvenience();
  const names = new Set<string>();
  // Stretches of constant offset: a meeting across a DST change is read on the clock as it changes.
  const cuts = [start, ...p.transitions.map((t) => t.at).filter((at) => at > start && at < end), end];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    const offset = offsetFrom(p, a);
    const dayOff = (d: string): string | undefined => {
      const name = p.dayOff(d);
      if (name) names.add(name);
      return name;
    };
    scoreStretch(a + offset * MINUTE, Math.round((b - a) / MINUTE), p.week, dayOff, score);
  }
  const startOffset = offsetFrom(p, start);
  const endOffset = offsetFrom(p, end);
  return {
    partyId: p.party.id,
    timeZone: p.party.timeZone,
    localStart: formatWall(wallFromUtcFields(start + startOffset * MINUTE)) + formatOffset(startOffset),
    localEnd: formatWall(wallFromUtcFields(end + endOffset * MINUTE)) + formatOffset(endOffset),
    inconvenience: roundInconvenience(score),
    daysOff: [...names],
  };
}

/** Every candidate start, scored (unsorted); the rotation planner and `findFairSlots` share it. */
export function scoreAllSlots(q: SlotQuery): Slot[] {
  const { from, to, step } = check(q);
  const prepared = prepare(q, from, to);
  const duration = q.durationMinutes * MINUTE;
  // Starts on whole steps of UTC time (every zone's offset is a multiple of 15 minutes today).
  const first = Math.ceil(from / (step * MINUTE)) * step * MINUTE;
  const slots: Slot[] = [];
  for (let start = first; start + duration <= to; start += step * MINUTE) {
    const parties = prepared.map((p) => partyAt(p, start, start + duration));
    const totals = parties.map((p) => p.inconvenience.total);
    const sum = Math.round(totals.reduce((a, b) => a + b, 0) * 100) / 100;
    slots.push({ start: new Date(start).toISOString(), end: new Date(start + duration).toISOString(), startMs: start, worst: Math.max(...totals), sum, parties });
  }
  return slots;
}

/** Orders slots: the worst-off party's inconvenience, then the total, then the earlier start. */
export function compareSlots(a: Slot, b: Slot): number {
  return a.worst - b.worst || a.sum - b.sum || a.startMs - b.startMs;
}

/**
 * The fairest meeting slots in a range for parties in different zones.
 * @example findFairSlots({ parties: [{ id: 'jkt', timeZone: 'Asia/Jakarta' }, { id: 'gva', timeZone: 'Europe/Zurich' }], from: Date.parse('2026-03-09T00:00Z'), to: Date.parse('2026-03-14T00:00Z'), durationMinutes: 60 })
 */
export function findFairSlots(q: SlotQuery): Slot[] {
  return scoreAllSlots(q).sort(compareSlots).slice(0, q.limit ?? 10);
}

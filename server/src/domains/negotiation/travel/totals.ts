// Running totals of what meetings saved, per organisational unit and for the whole ministry.
// Pure: the caller loads the meetings' stored results (each with the unit that held it).

import { addInto, type SavingTotals } from './travel-saved.ts';

export type MeetingRecord = { meetingId: string; unitId: string; /** ISO date or date-time the meeting was held. */ heldAt: string; totals: SavingTotals };

export type RunningTotalRow = { meetingId: string; unitId: string; heldAt: string; meeting: SavingTotals; unitToDate: SavingTotals; ministryToDate: SavingTotals };

/** A zero total to add into. */
export const emptyTotals = (): SavingTotals => ({ delegations: 0, travellers: 0, flights: 0, personDays: 0, passengerKm: 0, cost: {}, co2eKg: { withRf: 0, withoutRf: 0 } });

const copy = (t: SavingTotals): SavingTotals => addInto(emptyTotals(), t);

const chronological = (a: MeetingRecord, b: MeetingRecord): number => (a.heldAt < b.heldAt ? -1 : a.heldAt > b.heldAt ? 1 : a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0);

/** Sum of several totals; money stays per currency. */
export function sumTotals(parts: readonly SavingTotals[]): SavingTotals {
  return parts.reduce((acc, part) => addInto(acc, part), emptyTotals());
}

/**
 * Totals per unit and for the ministry. A meeting counts for the unit that held it and, when
 * `ancestorsOf` is given, for every unit above it too (a directorate then includes its missions).
 */
export function totalsByUnit(
  records: readonly MeetingRecord[],
  ancestorsOf: (unitId: string) => readonly string[] = () => [],
): { units: Map<string, SavingTotals & { meetings: number }>; ministry: SavingTotals & { meetings: number } } {
  const units = new Map<string, SavingTotals & { meetings: number }>();
  const ministry = { ...emptyTotals(), meetings: 0 };
  for (const record of records) {
    // A set, so that a unit listed twice in a malformed chain still counts the meeting once.
    for (const unitId of new Set([record.unitId, ...ancestorsOf(record.unitId)])) {
      const unit = units.get(unitId) ?? { ...emptyTotals(), meetings: 0 };
      addInto(unit, record.totals);
      unit.meetings += 1;
      units.set(unitId, unit);
    }
    addInto(ministry, record.totals);
    ministry.meetings += 1;
  }
  return { units, ministry };
}

/** Meeting by meeting in the order held, with the unit's and the ministry's totals up to and including it. */
export function runningTotals(records: readonly MeetingRecord[]): RunningTotalRow[] {
  const unitSoFar = new Map<string, SavingTotals>();
  const ministrySoFar = emptyTotals();
  return [...records].sort(chronological).map((record) => {
    const unit = unitSoFar.get(record.unitId) ?? emptyTotals();
    addInto(unit, record.totals);
    unitSoFar.set(record.unitId, unit);
    addInto(ministrySoFar, record.totals);
    return { meetingId: record.meetingId, unitId: record.unitId, heldAt: record.heldAt, meeting: copy(record.totals), unitToDate: copy(unit), ministryToDate: copy(ministrySoFar) };
  });
}

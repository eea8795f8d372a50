import { describe, expect, it } from 'vitest';
import { hostCities } from './capitals.ts';
import { runningTotals, sumTotals, totalsByUnit, type MeetingRecord } from './totals.ts';
import { meetingSaving } from './travel-saved.ts';
import { defaultTravelSettings } from './travel-settings.ts';

const DIRECTORATE = '00000000-0000-7000-8000-0000000000d1';
const MISSION = '00000000-0000-7000-8000-0000000000d2';

// Meeting 1 (Geneva, held by the directorate): Indonesia, 1 economy. 2,473.37 kg, 4 flights, fares 2,239.49.
// Meeting 2 (New York, held by the mission): Indonesia, 2 economy. 7,062.03 kg, 8 flights, 10 person-days.
// Meeting 3 (Geneva, held by the directorate, priced in euros): Kenya, 1 economy. 1,326.19 kg.
const first = meetingSaving({ host: hostCities.geneva, delegations: [{ id: 'id', origin: { kind: 'capital', iso2: 'ID' }, travellers: { economy: 1, business: 0 } }] });
const second = meetingSaving({ host: hostCities.newYork, delegations: [{ id: 'id', origin: { kind: 'capital', iso2: 'ID' }, travellers: { economy: 2, business: 0 } }] });
const third = meetingSaving(
  { host: hostCities.geneva, delegations: [{ id: 'ke', origin: { kind: 'capital', iso2: 'KE' }, travellers: { economy: 1, business: 0 } }] },
  { ...defaultTravelSettings, currency: 'EUR' },
);

// Given out of order on purpose: the running total follows the dates.
const records: MeetingRecord[] = [
  { meetingId: 'm3', unitId: DIRECTORATE, heldAt: '2026-03-02', totals: third.totals },
  { meetingId: 'm1', unitId: DIRECTORATE, heldAt: '2026-01-15', totals: first.totals },
  { meetingId: 'm2', unitId: MISSION, heldAt: '2026-02-10', totals: second.totals },
];

describe('totals over meetings', () => {
  it('sums per unit and for the ministry, money per currency', () => {
    const { units, ministry } = totalsByUnit(records);
    expect(units.get(DIRECTORATE)).toMatchObject({ meetings: 2, delegations: 2, travellers: 2, flights: 8, co2eKg: { withRf: 3799.56 } });
    expect(units.get(MISSION)).toMatchObject({ meetings: 1, travellers: 2, flights: 8, personDays: 10, co2eKg: { withRf: 7062.03 } });
    // 2,473.37 + 7,062.03 + 1,326.19 = 10,861.59 kg; 4 + 8 + 4 flights.
    expect(ministry).toMatchObject({ meetings: 3, delegations: 3, travellers: 4, flights: 16, co2eKg: { withRf: 10861.59 } });
    // Dollars and euros are never added together.
    expect(Object.keys(ministry.cost).sort()).toEqual(['EUR', 'USD']);
    expect(ministry.cost.USD!.total).toBe(first.totals.cost.USD!.total + second.totals.cost.USD!.total);
    expect(ministry.cost.EUR!.total).toBe(third.totals.cost.EUR!.total);
  });

  it('rolls a mission\'s meetings up into the units above it when asked', () => {
    const HQ = '00000000-0000-7000-8000-0000000000a0';
    const above: Record<string, string[]> = { [MISSION]: [DIRECTORATE, HQ], [DIRECTORATE]: [HQ] };
    const { units, ministry } = totalsByUnit(records, (unitId) => above[unitId] ?? []);
    expect(units.get(MISSION)).toMatchObject({ meetings: 1, co2eKg: { withRf: 7062.03 } });
    expect(units.get(DIRECTORATE)).toMatchObject({ meetings: 3, co2eKg: { withRf: 10861.59 } });
    expect(units.get(HQ)).toMatchObject({ meetings: 3, flights: 16, co2eKg: { withRf: 10861.59 } });
    expect(ministry).toMatchObject({ meetings: 3, co2eKg: { withRf: 10861.59 } });
  });

  it('runs meeting by meeting in date order', () => {
    const rows = runningTotals(records);
    expect(rows.map((r) => r.meetingId)).toEqual(['m1', 'm2', 'm3']);
    expect(rows.map((r) => r.ministryToDate.co2eKg.withRf)).toEqual([2473.37, 9535.4, 10861.59]);
    // The directorate's own running total skips the mission's meeting.
    expect(rows.map((r) => r.unitToDate.co2eKg.withRf)).toEqual([2473.37, 7062.03, 3799.56]);
    expect(rows[2]!.meeting.co2eKg.withRf).toBe(1326.19);
    // Each row is its own copy: later rows do not change earlier ones.
    expect(rows[0]!.ministryToDate.flights).toBe(4);
  });

  it('adds nothing for no meetings, and sums several totals', () => {
    expect(totalsByUnit([]).ministry).toMatchObject({ meetings: 0, flights: 0, cost: {}, co2eKg: { withRf: 0, withoutRf: 0 } });
    expect(runningTotals([])).toEqual([]);
    expect(sumTotals([first.totals, second.totals]).co2eKg.withRf).toBe(9535.4);
  });
});

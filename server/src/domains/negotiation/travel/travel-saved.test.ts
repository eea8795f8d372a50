import { describe, expect, it } from 'vitest';
import { capitalOf, hostCities } from './capitals.ts';
import { greatCircleKm } from './distance.ts';
import { meetingSaving } from './travel-saved.ts';
import { defaultTravelSettings, desnz2025, fareForKm, type TravelSettings, TravelInputError } from './travel-settings.ts';

// Jakarta (−6.21, 106.85) to Geneva (46.20, 6.14): d = 11,329.102 km great-circle (distance.test.ts
// shows the haversine steps). A return trip is two legs: 22,658.204 passenger-km per traveller.
// The DESNZ 2025 factors already include the 8 % routing uplift, so nothing is added to d.
const geneva = hostCities.geneva;
const indonesia = { kind: 'capital', iso2: 'ID' } as const;

function failure(fn: () => unknown): TravelInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TravelInputError) return error;
    throw error;
  }
  throw new Error('expected a TravelInputError');
}

describe('meetingSaving: CO2e', () => {
  it('one economy traveller Jakarta–Geneva return: 2,473.37 kg CO2e with RF, 1,461.23 kg without', () => {
    // 22,658.204 pkm × 0.10916 = 2,473.370 kg; × 0.06449 = 1,461.228 kg.
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers: { economy: 1, business: 0 } }] });
    expect(delegations[0]!.distanceKm).toBe(11329.1);
    expect(delegations[0]!.passengerKm).toEqual({ economy: 22658.2, business: 0 });
    expect(delegations[0]!.co2eKg).toEqual({ withRf: 2473.37, withoutRf: 1461.23 });
  });

  it('one business traveller Jakarta–Geneva return: 7,172.68 kg with RF, 4,237.31 kg without', () => {
    // 22,658.204 pkm × 0.31656 = 7,172.681 kg; × 0.18701 = 4,237.311 kg.
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers: { economy: 0, business: 1 } }] });
    expect(delegations[0]!.co2eKg).toEqual({ withRf: 7172.68, withoutRf: 4237.31 });
  });

  it('Nairobi–Geneva economy return is about 1.3 t, as the research note estimates', () => {
    // 2 × 6,074.508 km × 0.10916 = 1,326.19 kg.
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'ke', origin: { kind: 'capital', iso2: 'KE' }, travellers: { economy: 1, business: 0 } }] });
    expect(delegations[0]!.co2eKg.withRf).toBe(1326.19);
  });
});

describe('meetingSaving: a whole delegation', () => {
  // Three in economy and the head of delegation in business.
  const travellers = { economy: 3, business: 1 };

  it('counts flights, days, fares and CO2e for Jakarta–Geneva', () => {
    const { delegations, totals, method } = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers }] });
    const d = delegations[0]!;
    // 11,329 km ≥ 6,000 km: one connection, 2 flights each way, 4 per traveller, 16 in all.
    expect(d.flightsEachWay).toBe(2);
    expect(d.flights).toBe(16);
    // 2 days each way; clocks 100.71° / 15 = 6.7 h apart, not more than 8: no rest day.
    expect(d).toMatchObject({ travelDays: 4, restDay: false, personDays: 16 });
    // Fares by marginal bands, one way: economy 1,500 × 0.20 + 2,500 × 0.12 + 4,000 × 0.08 + 3,329.102 × 0.06
    // = 300 + 300 + 320 + 199.746 = 1,119.746; business 750 + 900 + 1,120 + 732.402 = 3,502.402.
    // Return, 3 economy + 1 business: 3 × 2,239.492 + 7,004.805 = 13,723.28.
    expect(d.cost).toEqual({ fares: 13723.28, perDiem: 0, total: 13723.28, currency: 'USD' });
    // 3 × 2,473.370 + 7,172.681 = 14,592.79 kg with RF; 3 × 1,461.228 + 4,237.311 = 8,620.99 kg without.
    expect(d.co2eKg).toEqual({ withRf: 14592.79, withoutRf: 8620.99 });
    expect(totals).toMatchObject({ delegations: 1, travellers: 4, flights: 16, personDays: 16, passengerKm: 90632.8, cost: { USD: { total: 13723.28 } }, co2eKg: { withRf: 14592.79 } });
    expect(method.emissions).toMatchObject({ year: 2025, includedDistanceUpliftPercent: 8, radiativeForcingShown: true, withRf: { economy: 0.10916, business: 0.31656 } });
    expect(method.distance).toMatchObject({ formula: 'haversine', earthRadiusKm: 6371.0088 });
  });

  it('adds the per diem for every travel day when it is switched on', () => {
    const settings: TravelSettings = { ...defaultTravelSettings, perDiem: { enabled: true, amountPerDay: 300 } };
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers }] }, settings);
    // 4 travel days × 4 travellers × 300 = 4,800.
    expect(delegations[0]!.cost).toEqual({ fares: 13723.28, perDiem: 4800, total: 18523.28, currency: 'USD' });
  });

  it('adds a rest day when the clocks are more than 8 hours apart (Jakarta–New York)', () => {
    const { delegations } = meetingSaving({ host: hostCities.newYork, delegations: [{ id: 'id', origin: indonesia, travellers: { economy: 2, business: 0 } }] });
    // 179.18° / 15 = 11.9 h > 8: 2 + 2 + 1 = 5 days each, 10 person-days. 2 × 2 × 16,173.570 × 0.10916 = 7,062.03 kg.
    expect(delegations[0]).toMatchObject({ travelDays: 5, restDay: true, personDays: 10, co2eKg: { withRf: 7062.03 } });
  });

  it('adds no rest day at exactly 8 hours, one beyond (standard offsets given)', () => {
    const host = { ...geneva, utcOffsetHours: 1 };
    const from = (utcOffsetHours: number) => ({ kind: 'city', name: 'Jakarta', lat: -6.21, lon: 106.85, utcOffsetHours }) as const;
    const at8 = meetingSaving({ host, delegations: [{ id: 'a', origin: from(9), travellers }] });
    expect(at8.delegations[0]).toMatchObject({ restDay: false, travelDays: 4 });
    const over8 = meetingSaving({ host, delegations: [{ id: 'a', origin: from(9.5), travellers }] });
    expect(over8.delegations[0]).toMatchObject({ restDay: true, travelDays: 5, personDays: 20 });
  });

  it('flies direct below the threshold and with a connection at it', () => {
    const km = greatCircleKm(capitalOf('ID')!, geneva);
    const below = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers }] }, { ...defaultTravelSettings, directBelowKm: km + 0.01, oneDayBelowKm: km + 0.01 });
    expect(below.delegations[0]).toMatchObject({ flightsEachWay: 1, flights: 8, travelDays: 2 });
    const at = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers }] }, { ...defaultTravelSettings, directBelowKm: km, oneDayBelowKm: km });
    expect(at.delegations[0]).toMatchObject({ flightsEachWay: 2, flights: 16, travelDays: 4 });
    // A connection changes flights and days, never distance or CO2e.
    expect(at.delegations[0]!.co2eKg).toEqual(below.delegations[0]!.co2eKg);
  });

  it('saves nothing for a delegation at the host city, or within 50 km of it', () => {
    const host = { kind: 'capital', iso2: 'ID' } as const;
    const result = meetingSaving({
      host,
      delegations: [
        { id: 'id', origin: indonesia, travellers },
        // Bogor, 43.7 km from Jakarta's centre.
        { id: 'bogor', origin: { kind: 'city', name: 'Bogor', lat: -6.6, lon: 106.8 }, travellers },
        { id: 'my', origin: { kind: 'capital', iso2: 'MY' }, travellers: { economy: 1, business: 0 } },
      ],
    });
    const [home, bogor, malaysia] = result.delegations;
    expect(home).toMatchObject({ atHost: true, distanceKm: 0, flights: 0, travelDays: 0, personDays: 0, cost: { total: 0 }, co2eKg: { withRf: 0, withoutRf: 0 } });
    expect(bogor).toMatchObject({ atHost: true, distanceKm: 43.7, flights: 0, co2eKg: { withRf: 0 } });
    expect(malaysia).toMatchObject({ atHost: false, flightsEachWay: 1, travelDays: 2 });
    expect(result.totals.flights).toBe(2);
    expect(result.totals.co2eKg.withRf).toBe(malaysia!.co2eKg.withRf);
  });

  it('travels from a chosen city instead of the capital', () => {
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'sby', origin: { kind: 'city', name: ' Surabaya ', lat: -7.25, lon: 112.75 }, travellers: { economy: 1, business: 0 } }] });
    expect(delegations[0]!.origin).toEqual({ name: 'Surabaya', lat: -7.25, lon: 112.75 });
    expect(delegations[0]!.distanceKm).toBeGreaterThan(11329.1);
  });
});

describe('fare bands', () => {
  const bands = defaultTravelSettings.fareBands;

  it('charges each band its own rate, with no jump at a boundary', () => {
    expect(fareForKm(0, 'economy', bands)).toBe(0);
    expect(fareForKm(1500, 'economy', bands)).toBeCloseTo(300, 9); // 1,500 × 0.20
    expect(fareForKm(1501, 'economy', bands)).toBeCloseTo(300.12, 9); // + 1 × 0.12
    expect(fareForKm(4000, 'economy', bands)).toBeCloseTo(600, 9); // + 2,500 × 0.12
    expect(fareForKm(4001, 'business', bands)).toBeCloseTo(750 + 900 + 0.28, 9);
    expect(fareForKm(8000, 'economy', bands)).toBeCloseTo(920, 9); // + 4,000 × 0.08
    expect(fareForKm(8001, 'economy', bands)).toBeCloseTo(920.06, 9); // + 1 × 0.06, open-ended band
    let previous = -1;
    for (let km = 0; km <= 20000; km += 250) {
      const fare = fareForKm(km, 'business', bands);
      expect(fare).toBeGreaterThan(previous);
      previous = fare;
    }
  });

  it('takes a ministry\'s own table and currency', () => {
    const settings: TravelSettings = { ...defaultTravelSettings, currency: 'IDR', fareBands: [{ upToKm: null, perKm: { economy: 1500, business: 4500 } }] };
    const { delegations } = meetingSaving({ host: geneva, delegations: [{ id: 'id', origin: indonesia, travellers: { economy: 1, business: 0 } }] }, settings);
    // 2 × 11,329.102 × 1,500 = 33,987,306.45
    expect(delegations[0]!.cost).toMatchObject({ fares: 33987306.45, currency: 'IDR' });
  });
});

describe('bad input', () => {
  const one = { economy: 1, business: 0 };

  it('names the field at fault and computes nothing', () => {
    expect(failure(() => meetingSaving({ host: geneva, delegations: [{ id: 'x', origin: { kind: 'capital', iso2: 'XX' }, travellers: one }] }))).toMatchObject({ code: 'negotiation.travel-unknown-state', details: { field: 'delegations.0.origin', value: 'XX' } });
    expect(failure(() => meetingSaving({ host: geneva, delegations: [{ id: 'x', origin: { kind: 'city', name: 'Nowhere', lat: 91, lon: 0 }, travellers: one }] }))).toMatchObject({ code: 'negotiation.travel-invalid-place', details: { field: 'delegations.0.origin' } });
    expect(failure(() => meetingSaving({ host: geneva, delegations: [{ id: 'x', origin: { kind: 'city', name: '  ', lat: 0, lon: 0 }, travellers: one }] }))).toMatchObject({ code: 'negotiation.travel-invalid-place' });
    expect(failure(() => meetingSaving({ host: { name: 'H', lat: 0, lon: 181 }, delegations: [] }))).toMatchObject({ code: 'negotiation.travel-invalid-place', details: { field: 'host' } });
    expect(failure(() => meetingSaving({ host: geneva, delegations: [{ id: 'x', origin: indonesia, travellers: { economy: 1.5, business: 0 } }] }))).toMatchObject({ code: 'negotiation.travel-invalid-travellers', details: { field: 'delegations.0.travellers.economy', value: 1.5 } });
    expect(failure(() => meetingSaving({ host: geneva, delegations: [{ id: 'x', origin: indonesia, travellers: { economy: 0, business: -1 } }] }))).toMatchObject({ code: 'negotiation.travel-invalid-travellers' });
  });

  it('refuses settings that cannot be applied', () => {
    const input = { host: geneva, delegations: [] };
    const bad = (patch: Partial<TravelSettings>) => failure(() => meetingSaving(input, { ...defaultTravelSettings, ...patch }));
    expect(bad({ currency: 'usd' })).toMatchObject({ code: 'negotiation.travel-invalid-settings', details: { field: 'currency' } });
    expect(bad({ fareBands: [] })).toMatchObject({ details: { field: 'fareBands' } });
    expect(bad({ fareBands: [{ upToKm: 4000, perKm: { economy: 1, business: 1 } }, { upToKm: 1500, perKm: { economy: 1, business: 1 } }, { upToKm: null, perKm: { economy: 1, business: 1 } }] })).toMatchObject({ details: { field: 'fareBands.1.upToKm' } });
    expect(bad({ fareBands: [{ upToKm: 1500, perKm: { economy: 1, business: 1 } }] })).toMatchObject({ details: { field: 'fareBands.0.upToKm' } });
    expect(bad({ fareBands: [{ upToKm: null, perKm: { economy: -1, business: 1 } }] })).toMatchObject({ details: { field: 'fareBands.0.perKm.economy' } });
    expect(bad({ perDiem: { enabled: true, amountPerDay: Number.NaN } })).toMatchObject({ details: { field: 'perDiem.amountPerDay' } });
    expect(bad({ restDayOverHours: -1 })).toMatchObject({ details: { field: 'restDayOverHours' } });
  });

  it('keeps the published DESNZ 2025 factors', () => {
    expect(desnz2025.withRf).toEqual({ economy: 0.10916, business: 0.31656 });
    expect(desnz2025.withoutRf).toEqual({ economy: 0.06449, business: 0.18701 });
  });
});

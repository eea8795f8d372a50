// What a meeting held online saved against the same meeting held in person at the host city:
// for each delegation a return trip from its capital (or a chosen city), its flights, travel days,
// fares and per diem, and CO2e. Pure: no clock, no database. The rules are explained in the ADR
// "What a virtual meeting saved".

import { capitalOf, type Place } from './capitals.ts';
import { EARTH_RADIUS_KM, greatCircleKm, timeDifferenceHours } from './distance.ts';
import { type CabinClass, cabinClasses, checkTravelSettings, defaultTravelSettings, desnz2025, fareForKm, type PerCabin, type TravelSettings, TravelInputError } from './travel-settings.ts';

/** Where a delegation sets out from: its state's capital, or a city given by coordinates. */
export type OriginChoice = { kind: 'capital'; iso2: string } | { kind: 'city'; name: string; lat: number; lon: number; utcOffsetHours?: number };

export type DelegationInput = { id: string; origin: OriginChoice; travellers: PerCabin };

export type Money = { fares: number; perDiem: number; total: number };

export type DelegationSaving = {
  id: string;
  origin: Place;
  /** True when the delegation leaves from the host city itself: nothing is saved. */
  atHost: boolean;
  /** One-way great-circle distance, km. */
  distanceKm: number;
  flightsEachWay: 0 | 1 | 2;
  /** Passenger flights over the return trip, all travellers. */
  flights: number;
  travellers: PerCabin;
  /** Days each traveller would have spent travelling, rest day included. */
  travelDays: number;
  restDay: boolean;
  personDays: number;
  passengerKm: PerCabin;
  cost: Money & { currency: string };
  co2eKg: { withRf: number; withoutRf: number };
};

export type SavingTotals = {
  delegations: number;
  travellers: number;
  flights: number;
  personDays: number;
  passengerKm: number;
  /** Per currency, so that totals over meetings priced in different currencies are never mixed. */
  cost: Record<string, Money>;
  co2eKg: { withRf: number; withoutRf: number };
};

/** The factors and rules behind a result, for the page to show next to it. */
export type TravelMethod = {
  distance: { formula: 'haversine'; earthRadiusKm: number; distanceUplift: 'none: included in the factors' };
  emissions: typeof desnz2025 & { radiativeForcingShown: boolean };
  roundTrip: true;
  rules: Pick<TravelSettings, 'directBelowKm' | 'oneDayBelowKm' | 'restDayOverHours' | 'sameCityWithinKm'>;
  fares: Pick<TravelSettings, 'currency' | 'fareBands'>;
  perDiem: TravelSettings['perDiem'];
};

export type MeetingSaving = { host: Place; delegations: DelegationSaving[]; totals: SavingTotals; method: TravelMethod };

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

function checkPlace(place: { lat: number; lon: number; name: string }, field: string): void {
  const { lat, lon, name } = place;
  const ok = typeof name === 'string' && name.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (!ok) throw new TravelInputError('negotiation.travel-invalid-place', field, place);
}

/** The place a delegation sets out from; throws for an unknown state or a city off the map. */
export function resolveOrigin(choice: OriginChoice, field = 'origin'): Place {
  if (choice.kind === 'capital') {
    const place = capitalOf(choice.iso2);
    if (!place) throw new TravelInputError('negotiation.travel-unknown-state', field, choice.iso2);
    return place;
  }
  checkPlace(choice, field);
  const { name, lat, lon, utcOffsetHours } = choice;
  return utcOffsetHours === undefined ? { name: name.trim(), lat, lon } : { name: name.trim(), lat, lon, utcOffsetHours };
}

function checkTravellers(travellers: PerCabin, field: string): void {
  for (const cabin of cabinClasses) {
    const n = travellers[cabin];
    if (!Number.isInteger(n) || n < 0) throw new TravelInputError('negotiation.travel-invalid-travellers', `${field}.${cabin}`, n);
  }
}

/** What one delegation would have spent on a return trip from `origin` to `host`. */
export function delegationSaving(id: string, origin: Place, host: Place, travellers: PerCabin, settings: TravelSettings): DelegationSaving {
  const km = greatCircleKm(origin, host);
  const headcount = travellers.economy + travellers.business;
  const atHost = km < settings.sameCityWithinKm;
  if (atHost || headcount === 0) {
    return {
      id, origin, atHost, distanceKm: round(km, 1), flightsEachWay: 0, flights: 0, travellers, travelDays: 0, restDay: false, personDays: 0,
      passengerKm: { economy: 0, business: 0 },
      cost: { fares: 0, perDiem: 0, total: 0, currency: settings.currency },
      co2eKg: { withRf: 0, withoutRf: 0 },
    };
  }
  const flightsEachWay = km < settings.directBelowKm ? 1 : 2;
  const restDay = timeDifferenceHours(origin, host) > settings.restDayOverHours;
  const travelDays = 2 * (km < settings.oneDayBelowKm ? 1 : 2) + (restDay ? 1 : 0);
  // A return trip is two great-circle legs; a connection adds flights, not distance (the DESNZ
  // uplift inside the factors stands for detours).
  const pkm = (cabin: CabinClass): number => 2 * km * travellers[cabin];
  const sum = (f: (cabin: CabinClass) => number): number => cabinClasses.reduce((acc, cabin) => acc + f(cabin), 0);
  const fares = sum((cabin) => 2 * fareForKm(km, cabin, settings.fareBands) * travellers[cabin]);
  const perDiem = settings.perDiem.enabled ? settings.perDiem.amountPerDay * travelDays * headcount : 0;
  return {
    id, origin, atHost, distanceKm: round(km, 1), flightsEachWay, flights: 2 * flightsEachWay * headcount, travellers, travelDays, restDay,
    personDays: travelDays * headcount,
    passengerKm: { economy: round(pkm('economy'), 1), business: round(pkm('business'), 1) },
    cost: { fares: round(fares, 2), perDiem: round(perDiem, 2), total: round(fares + perDiem, 2), currency: settings.currency },
    co2eKg: { withRf: round(sum((c) => pkm(c) * desnz2025.withRf[c]), 2), withoutRf: round(sum((c) => pkm(c) * desnz2025.withoutRf[c]), 2) },
  };
}

/** Totals of delegation results; money kept apart per currency. */
export function totalOf(delegations: readonly DelegationSaving[]): SavingTotals {
  const totals: SavingTotals = { delegations: 0, travellers: 0, flights: 0, personDays: 0, passengerKm: 0, cost: {}, co2eKg: { withRf: 0, withoutRf: 0 } };
  for (const d of delegations) {
    addInto(totals, {
      delegations: 1, travellers: d.travellers.economy + d.travellers.business, flights: d.flights, personDays: d.personDays,
      passengerKm: d.passengerKm.economy + d.passengerKm.business,
      cost: { [d.cost.currency]: { fares: d.cost.fares, perDiem: d.cost.perDiem, total: d.cost.total } },
      co2eKg: d.co2eKg,
    });
  }
  return totals;
}

/** Adds `part` into `into` (mutates `into`), rounding away floating-point dust. */
export function addInto(into: SavingTotals, part: SavingTotals): SavingTotals {
  into.delegations += part.delegations;
  into.travellers += part.travellers;
  into.flights += part.flights;
  into.personDays += part.personDays;
  into.passengerKm = round(into.passengerKm + part.passengerKm, 1);
  for (const [currency, money] of Object.entries(part.cost)) {
    const m = into.cost[currency] ?? { fares: 0, perDiem: 0, total: 0 };
    into.cost[currency] = { fares: round(m.fares + money.fares, 2), perDiem: round(m.perDiem + money.perDiem, 2), total: round(m.total + money.total, 2) };
  }
  into.co2eKg = { withRf: round(into.co2eKg.withRf + part.co2eKg.withRf, 2), withoutRf: round(into.co2eKg.withoutRf + part.co2eKg.withoutRf, 2) };
  return into;
}

/** The method object the page shows beside the figures. */
export function travelMethod(settings: TravelSettings): TravelMethod {
  return {
    distance: { formula: 'haversine', earthRadiusKm: EARTH_RADIUS_KM, distanceUplift: 'none: included in the factors' },
    emissions: { ...desnz2025, radiativeForcingShown: settings.radiativeForcing },
    roundTrip: true,
    rules: { directBelowKm: settings.directBelowKm, oneDayBelowKm: settings.oneDayBelowKm, restDayOverHours: settings.restDayOverHours, sameCityWithinKm: settings.sameCityWithinKm },
    fares: { currency: settings.currency, fareBands: settings.fareBands },
    perDiem: settings.perDiem,
  };
}

/**
 * What a meeting held online saved, per delegation and in total.
 * @example meetingSaving({ host: hostCities.geneva, delegations: [{ id: 'id', origin: { kind: 'capital', iso2: 'ID' }, travellers: { economy: 3, business: 1 } }] })
 */
export function meetingSaving(input: { host: OriginChoice | Place; delegations: readonly DelegationInput[] }, settings: TravelSettings = defaultTravelSettings): MeetingSaving {
  checkTravelSettings(settings);
  const host = 'kind' in input.host ? resolveOrigin(input.host, 'host') : input.host;
  checkPlace(host, 'host');
  const delegations = input.delegations.map((d, i) => {
    checkTravellers(d.travellers, `delegations.${i}.travellers`);
    return delegationSaving(d.id, resolveOrigin(d.origin, `delegations.${i}.origin`), host, d.travellers, settings);
  });
  return { host, delegations, totals: totalOf(delegations), method: travelMethod(settings) };
}

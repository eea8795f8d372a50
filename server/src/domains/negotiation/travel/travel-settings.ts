// The figures and rules behind "what a virtual meeting saved" (see the ADR of that name), as data
// the page shows beside the results. What a ministry may want to tune is a setting with a default.

export type CabinClass = 'economy' | 'business';
export const cabinClasses: readonly CabinClass[] = ['economy', 'business'];
export type PerCabin = Record<CabinClass, number>;

/**
 * UK DESNZ greenhouse gas reporting conversion factors, 2025 set, passenger flights
 * "International, to/from non-UK", kg CO2e per passenger-km. The factors already include DESNZ's
 * 8 % uplift of great-circle distance for routing and stacking, so they are applied to the plain
 * great-circle distance: adding the uplift again would count it twice.
 */
export const desnz2025 = {
  source: 'UK DESNZ greenhouse gas reporting: conversion factors',
  year: 2025,
  routeBand: 'international-non-uk',
  unit: 'kg CO2e per passenger-km',
  includedDistanceUpliftPercent: 8,
  withRf: { economy: 0.10916, business: 0.31656 },
  withoutRf: { economy: 0.06449, business: 0.18701 },
} as const;

/**
 * Fare rate per kilometre within a band of one-way distance. Bands are marginal, like tax brackets:
 * the first band's rate applies to the kilometres inside it, the next band's to the kilometres
 * beyond, so a longer trip never costs less than a shorter one. The last band has no upper limit.
 */
export type FareBand = { upToKm: number | null; perKm: PerCabin };

export type TravelSettings = {
  /** ISO 4217 code the fares and per diem are in. */
  currency: string;
  fareBands: readonly FareBand[];
  /** Daily allowance per traveller for each travel day; off by default. */
  perDiem: { enabled: boolean; amountPerDay: number };
  /** Which CO2e figure the page leads with; both are always computed. */
  radiativeForcing: boolean;
  /** One-way distances below this are flown direct (1 flight each way); at or above, with one connection (2). */
  directBelowKm: number;
  /** One-way distances below this take 1 travel day each way; at or above, 2. */
  oneDayBelowKm: number;
  /** A rest day is added once per trip when the clocks differ by more than this many hours. */
  restDayOverHours: number;
  /** A delegation leaving from within this distance of the host city saves nothing (it would not fly). */
  sameCityWithinKm: number;
};

// Round placeholder rates in US dollars per passenger-km, chosen so that a Jakarta–Geneva economy
// return comes to about USD 2,200 and business to about three times that. A ministry sets its own.
export const defaultFareBands: readonly FareBand[] = [
  { upToKm: 1500, perKm: { economy: 0.2, business: 0.5 } },
  { upToKm: 4000, perKm: { economy: 0.12, business: 0.36 } },
  { upToKm: 8000, perKm: { economy: 0.08, business: 0.28 } },
  { upToKm: null, perKm: { economy: 0.06, business: 0.22 } },
];

export const defaultTravelSettings: TravelSettings = {
  currency: 'USD',
  fareBands: defaultFareBands,
  perDiem: { enabled: false, amountPerDay: 0 },
  radiativeForcing: true,
  directBelowKm: 6000,
  oneDayBelowKm: 6000,
  restDayOverHours: 8,
  sameCityWithinKm: 50,
};

export type TravelInputCode = 'negotiation.travel-invalid-place' | 'negotiation.travel-invalid-travellers' | 'negotiation.travel-invalid-settings' | 'negotiation.travel-unknown-state';

/** Input the travel model refuses, with the field at fault. */
export class TravelInputError extends Error {
  readonly code: TravelInputCode;
  readonly details: { field: string; value: unknown };

  constructor(code: TravelInputCode, field: string, value: unknown) {
    super(`${code}: ${field}`);
    this.code = code;
    this.details = { field, value };
  }
}

const isNonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

function invalidSetting(field: string, value: unknown): never {
  throw new TravelInputError('negotiation.travel-invalid-settings', field, value);
}

/** Settings with every rule checked; throws TravelInputError naming the first bad field. */
export function checkTravelSettings(settings: TravelSettings): TravelSettings {
  if (!/^[A-Z]{3}$/.test(settings.currency)) invalidSetting('currency', settings.currency);
  const bands = settings.fareBands;
  if (bands.length === 0) invalidSetting('fareBands', bands);
  let previous = 0;
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (last ? band.upToKm !== null : !(isNonNegative(band.upToKm) && band.upToKm > previous)) invalidSetting(`fareBands.${i}.upToKm`, band.upToKm);
    for (const cabin of cabinClasses) if (!isNonNegative(band.perKm[cabin])) invalidSetting(`fareBands.${i}.perKm.${cabin}`, band.perKm[cabin]);
    previous = band.upToKm ?? previous;
  });
  if (!isNonNegative(settings.perDiem.amountPerDay)) invalidSetting('perDiem.amountPerDay', settings.perDiem.amountPerDay);
  for (const field of ['directBelowKm', 'oneDayBelowKm', 'restDayOverHours', 'sameCityWithinKm'] as const) {
    if (!isNonNegative(settings[field])) invalidSetting(field, settings[field]);
  }
  return settings;
}

/** One passenger's fare for one flight of `km` great-circle kilometres, by marginal bands. */
export function fareForKm(km: number, cabin: CabinClass, bands: readonly FareBand[]): number {
  let fare = 0;
  let from = 0;
  for (const band of bands) {
    const to = band.upToKm ?? Number.POSITIVE_INFINITY;
    if (km <= from) break;
    fare += (Math.min(km, to) - from) * band.perKm[cabin];
    from = to;
  }
  return fare;
}

// Great-circle distance on a sphere. The travel figures use the haversine formula on the IUGG mean
// Earth radius R1 = 6,371.0088 km. Against the ellipsoid (Vincenty on WGS 84) a sphere is off by at
// most about 0.5 %, which is well inside the spread of real routings; DESNZ and ICAO both start from
// a great-circle distance too. Haversine stays exact for short distances and, unlike the spherical
// law of cosines, does not lose precision near 0 or near antipodes.

import type { Place } from './capitals.ts';

/** Mean Earth radius R1 of the IUGG, in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number): number => (deg * Math.PI) / 180;

/**
 * Great-circle distance between two places in kilometres (haversine, mean Earth radius).
 * @example greatCircleKm({ lat: -6.21, lon: 106.85 }, { lat: 46.2, lon: 6.14 }) // ≈ 11,329
 */
export function greatCircleKm(from: Pick<Place, 'lat' | 'lon'>, to: Pick<Place, 'lat' | 'lon'>): number {
  const dLat = rad(to.lat - from.lat);
  const dLon = rad(to.lon - from.lon);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(from.lat)) * Math.cos(rad(to.lat)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push `a` a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, a)));
}

/**
 * Hours between two places' clocks, 0…12. Standard offsets are used when both places carry one;
 * otherwise the difference is estimated as longitude difference / 15° (one hour per 15°), taken the
 * short way round the globe so that places either side of the date line are close.
 */
export function timeDifferenceHours(from: Place, to: Place): number {
  if (from.utcOffsetHours !== undefined && to.utcOffsetHours !== undefined) {
    const raw = Math.abs(from.utcOffsetHours - to.utcOffsetHours) % 24;
    return Math.min(raw, 24 - raw);
  }
  const dLon = Math.abs(from.lon - to.lon) % 360;
  return Math.min(dLon, 360 - dLon) / 15;
}

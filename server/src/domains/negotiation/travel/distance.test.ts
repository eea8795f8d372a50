import { describe, expect, it } from 'vitest';
import { capitalOf, hostCities } from './capitals.ts';
import { EARTH_RADIUS_KM, greatCircleKm, timeDifferenceHours } from './distance.ts';

// Hand computations use the haversine formula with R = 6,371.0088 km:
//   a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),  c = 2 · asin(√a),  d = R · c
// worked with a pocket calculator to six decimals from the table's coordinates.

const jakarta = capitalOf('ID')!; // −6.21, 106.85
const nairobi = capitalOf('KE')!; // −1.29, 36.82
const suva = capitalOf('FJ')!; // −18.14, 178.44
const apia = capitalOf('WS')!; // −13.83, −171.75
const bogota = capitalOf('CO')!; // 4.71, −74.07
const { geneva, newYork } = hostCities; // 46.20, 6.14 and 40.75, −73.97

// An independent formula for the cross-check: the spherical law of cosines,
// cos c = sin φ1 sin φ2 + cos φ1 cos φ2 cos Δλ (fine in double precision away from 0 and π).
function lawOfCosinesKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const cosC = Math.sin(r(a.lat)) * Math.sin(r(b.lat)) + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.cos(r(b.lon - a.lon));
  return EARTH_RADIUS_KM * Math.acos(cosC);
}

describe('greatCircleKm', () => {
  it('Jakarta–Geneva: 11,329 km', () => {
    // Δφ = 52.41°, Δλ = −100.71°; sin²(26.205°) = 0.194997; cos(−6.21°) = 0.994132; cos(46.20°) = 0.692143;
    // sin²(50.355°) = 0.592919; a = 0.194997 + 0.994132 · 0.692143 · 0.592919 = 0.602973;
    // c = 2 · asin(0.776513) = 1.778227 rad; d = 6,371.0088 · 1.778227 = 11,329.1 km.
    expect(greatCircleKm(jakarta, geneva)).toBeCloseTo(11329.1, 0);
    expect(greatCircleKm(geneva, jakarta)).toBeCloseTo(11329.1, 0);
  });

  it('Nairobi–Geneva: about 6,000 km, as the research note says (6,074.5 km)', () => {
    // Δφ = 47.49°, Δλ = −30.68°; sin²(23.745°) = 0.162141; cos(−1.29°) = 0.999747; cos(46.20°) = 0.692143;
    // sin²(15.34°) = 0.069985; a = 0.162141 + 0.999747 · 0.692143 · 0.069985 = 0.210568;
    // c = 0.953461 rad; d = 6,074.5 km.
    expect(greatCircleKm(nairobi, geneva)).toBeCloseTo(6074.5, 0);
  });

  it('Jakarta–New York: 16,174 km, nearly over the pole', () => {
    // Δφ = 46.96°, Δλ = −180.82° (the same as 179.18° the other way: sin² does not care);
    // sin²(23.48°) = 0.158746; cos φ1 = 0.994132; cos(40.75°) = 0.757565; sin²(90.41°) = 0.999949;
    // a = 0.158746 + 0.994132 · 0.757565 · 0.999949 = 0.911827; c = 2.538620 rad; d = 16,173.6 km.
    expect(greatCircleKm(jakarta, newYork)).toBeCloseTo(16173.6, 0);
  });

  it('Suva–Apia across the date line: 1,153 km, not the long way round', () => {
    // Δφ = 4.31°, Δλ = −350.19° ≡ +9.81°; sin²(2.155°) = 0.001414; cos(−18.14°) = 0.950299;
    // cos(−13.83°) = 0.971009; sin²(4.905°) = 0.007311; a = 0.001414 + 0.950299 · 0.971009 · 0.007311
    // = 0.008160; c = 0.180913 rad; d = 1,152.6 km.
    expect(greatCircleKm(suva, apia)).toBeCloseTo(1152.6, 0);
  });

  it('antipodal pairs: half the circumference, π · R = 20,015.1 km', () => {
    // (10°, 20°) and (−10°, −160°) are exact antipodes: a = sin²(−10°) + cos²(10°) · sin²(−90°)
    // = 0.030154 + 0.969846 = 1; c = π; d = 20,015.1 km. Rounding may give a = 1 + ε: no NaN.
    expect(greatCircleKm({ lat: 10, lon: 20 }, { lat: -10, lon: -160 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 3);
    expect(greatCircleKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(20015.1, 0);
    // Jakarta and Bogotá are nearly antipodal: a = 0.999765, c = 3.110919 rad, d = 19,819.7 km.
    expect(greatCircleKm(jakarta, bogota)).toBeCloseTo(19819.7, 0);
  });

  it('is zero for a place and itself, and agrees with the law of cosines elsewhere', () => {
    expect(greatCircleKm(geneva, geneva)).toBe(0);
    const places = [jakarta, nairobi, suva, apia, geneva, newYork, capitalOf('IS')!, capitalOf('NZ')!, capitalOf('CL')!];
    for (const a of places) {
      for (const b of places) {
        if (a === b) continue;
        expect(Math.abs(greatCircleKm(a, b) - lawOfCosinesKm(a, b)), `${a.name}–${b.name}`).toBeLessThan(0.001);
      }
    }
  });
});

describe('timeDifferenceHours', () => {
  it('estimates from longitude, the short way round', () => {
    // 100.71° / 15 = 6.714 h
    expect(timeDifferenceHours(jakarta, geneva)).toBeCloseTo(6.714, 3);
    // 180.82° one way is 179.18° the other: 11.945 h
    expect(timeDifferenceHours(jakarta, newYork)).toBeCloseTo(11.945, 3);
    // Suva and Apia: 9.81° apart across the date line, 0.654 h
    expect(timeDifferenceHours(suva, apia)).toBeCloseTo(0.654, 3);
  });

  it('uses standard offsets when both places have one', () => {
    const a = { name: 'A', lat: 0, lon: 0, utcOffsetHours: 13 };
    const b = { name: 'B', lat: 0, lon: 0, utcOffsetHours: -10 };
    // 23 hours apart on the clock is 1 hour the other way round.
    expect(timeDifferenceHours(a, b)).toBe(1);
    expect(timeDifferenceHours({ ...a, utcOffsetHours: 7 }, { ...b, utcOffsetHours: 1 })).toBe(6);
  });
});

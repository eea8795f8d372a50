import { describe, expect, it } from 'vitest';
import { capitalOf, capitals, hostCities } from './capitals.ts';
import { greatCircleKm } from './distance.ts';

// The 193 UN member states, written out here independently of the table (by English short name,
// in the order of the UN's list), so that a state missing from the table fails the test.
const unMembers = `
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD
CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR
GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG
MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH
PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ
TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW`
  .trim()
  .split(/\s+/);
const observerStates = ['VA', 'PS'];

describe('capitals', () => {
  it('lists every UN member and observer state, and nothing else', () => {
    expect(unMembers).toHaveLength(193);
    expect(new Set(unMembers).size).toBe(193);
    const missing = [...unMembers, ...observerStates].filter((code) => !capitals.has(code));
    expect(missing).toEqual([]);
    expect(capitals.size).toBe(195);
  });

  it('has coordinates on the map, to at most two decimals, and a name in both languages', () => {
    for (const [code, place] of capitals) {
      expect(code, code).toMatch(/^[A-Z]{2}$/);
      expect(place.iso2).toBe(code);
      expect(Math.abs(place.lat), code).toBeLessThanOrEqual(90);
      expect(Math.abs(place.lon), code).toBeLessThanOrEqual(180);
      expect(Math.round(place.lat * 100) / 100, code).toBe(place.lat);
      expect(Math.round(place.lon * 100) / 100, code).toBe(place.lon);
      expect(place.name.trim(), code).not.toBe('');
      // An Indonesian name is given only where it differs from the English one.
      if (place.nameId !== undefined) expect(place.nameId, code).not.toBe(place.name);
    }
  });

  it('places no two capitals on top of each other (a copied row would)', () => {
    const list = [...capitals.values()];
    const tooClose: string[] = [];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (greatCircleKm(a, b) < 20) tooClose.push(`${a.iso2}-${b.iso2}`);
      }
    }
    // Rome and Vatican City are 4 km apart; Kinshasa and Brazzaville face each other across the Congo (~5 km).
    expect(tooClose.sort()).toEqual(['CD-CG', 'IT-VA']);
  });

  it('spot checks against atlas values', () => {
    expect(capitalOf('id')).toMatchObject({ name: 'Jakarta', lat: -6.21, lon: 106.85 });
    expect(capitalOf('KE')).toMatchObject({ name: 'Nairobi', lat: -1.29, lon: 36.82 });
    expect(capitalOf('AT')).toMatchObject({ name: 'Vienna', nameId: 'Wina' });
    expect(capitalOf('WS')).toMatchObject({ name: 'Apia', lat: -13.83, lon: -171.75 });
    expect(capitalOf('FJ')).toMatchObject({ name: 'Suva', lat: -18.14, lon: 178.44 });
    expect(capitalOf('AU')).toMatchObject({ name: 'Canberra', lat: -35.28, lon: 149.13 });
    expect(capitalOf('US')).toMatchObject({ lat: 38.91, lon: -77.04 });
    expect(capitalOf('XK')).toBeUndefined();
    expect(hostCities.geneva).toMatchObject({ nameId: 'Jenewa', lat: 46.2, lon: 6.14 });
  });

  it('puts each capital in the right hemispheres', () => {
    const south = ['AR', 'AU', 'BO', 'BR', 'BW', 'CL', 'FJ', 'ID', 'KE', 'MG', 'NZ', 'PE', 'TL', 'TO', 'TZ', 'WS', 'ZA'];
    for (const code of south) expect(capitalOf(code)!.lat, code).toBeLessThan(0);
    const west = ['AR', 'BR', 'CA', 'CU', 'GB', 'MX', 'PT', 'SN', 'TO', 'US', 'WS'];
    for (const code of west) expect(capitalOf(code)!.lon, code).toBeLessThan(0);
  });
});

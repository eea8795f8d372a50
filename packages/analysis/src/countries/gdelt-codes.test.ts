import { describe, expect, it } from 'vitest';
import { cameoCountryToIso, fipsToIso } from './gdelt-codes.ts';

describe('GDELT country codes', () => {
  it('maps FIPS 10-4 codes that differ from ISO', () => {
    expect(fipsToIso('ID')).toBe('ID');
    expect(fipsToIso('CH')).toBe('CN');
    expect(fipsToIso('GM')).toBe('DE');
    expect(fipsToIso('UP')).toBe('UA');
    expect(fipsToIso('RS')).toBe('RU');
    expect(fipsToIso('AS')).toBe('AU');
    expect(fipsToIso('PP')).toBe('PG');
    expect(fipsToIso('TT')).toBe('TL');
    expect(fipsToIso('zz')).toBeUndefined();
  });

  it('maps CAMEO three-letter codes', () => {
    expect(cameoCountryToIso('IDN')).toBe('ID');
    expect(cameoCountryToIso('USA')).toBe('US');
    expect(cameoCountryToIso('ROM')).toBe('RO');
    expect(cameoCountryToIso('AFR')).toBeUndefined();
  });
});

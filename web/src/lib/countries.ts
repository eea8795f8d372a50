import type { UiLocale } from '@diplodesk/contracts';
import { intlLocale } from './intl.ts';

// Region codes Intl names that are not countries of ISO 3166-1 (unions, pseudo-locales, sub-regions).
const notCountries = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);
const cache = new Map<UiLocale, { code: string; name: string }[]>();

/** Every ISO 3166-1 country with its name in the interface language, from the browser's own data. */
export function listCountries(locale: UiLocale): { code: string; name: string }[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region', fallback: 'code' });
  const countries: { code: string; name: string }[] = [];
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (notCountries.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) countries.push({ code, name });
    }
  }
  countries.sort((a, b) => a.name.localeCompare(b.name, intlLocale(locale)));
  cache.set(locale, countries);
  return countries;
}

export function countryName(code: string, locale: UiLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

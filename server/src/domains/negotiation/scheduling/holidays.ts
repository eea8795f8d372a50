// National public holidays from the `date-holidays` package (its data: CC-BY-3.0, see NOTICE).
// Only days of type "public" count: bank, school and observance days do not close ministries.

import Holidays from 'date-holidays';

const byCountryYear = new Map<string, Map<string, string>>();

function holidaysOf(country: string, year: number, language: string): Map<string, string> {
  const key = `${country}:${year}:${language}`;
  let days = byCountryYear.get(key);
  if (!days) {
    days = new Map();
    // A country the data does not know has no holidays (an empty list), not an error.
    for (const h of new Holidays(country).getHolidays(year, language)) {
      // `date` is the local calendar date first ("2026-03-20 00:00:00 -0600" for a day that
      // begins at the previous sunset): the day a person there has off.
      if (h.type === 'public' && !days.has(h.date.slice(0, 10))) days.set(h.date.slice(0, 10), h.name);
    }
    byCountryYear.set(key, days);
  }
  return days;
}

/** The name of the public holiday on a local date ("2026-08-17") in a country (ISO 3166-1 alpha-2), if any; names in `language` where the data has it. */
export function publicHoliday(country: string, localDate: string, language = 'en'): string | undefined {
  return holidaysOf(country.toUpperCase(), Number(localDate.slice(0, 4)), language).get(localDate);
}

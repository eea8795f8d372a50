// Our country: the state whose partners the cooperation finder ranks — the workspace setting the
// nation-image index also reads (Administration → Insights).
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { readOurCountry } from '../image/our-country.ts';

/** ISO 3166-1 alpha-2 code of the organisation's own country; `insights.our-country-not-set` until an administrator names it. */
export async function ourCountryOf(x: Executor): Promise<string> {
  const country = await readOurCountry(x);
  if (!country) throw new AppError('insights.our-country-not-set', 'The workspace has not named its own country yet.');
  return country;
}

// Our country: the state whose partners the cooperation finder ranks. One place, so that when the
// workspace setting "our country" lands this is the only line that reads it.
import type { Executor } from '../../../platform/db/index.ts';

/** Until the workspace has an "our country" setting: Indonesia, the demo ministry's country. */
export const DEFAULT_OUR_COUNTRY = 'ID';

/** ISO 3166-1 alpha-2 code of the organisation's own country. */
export async function ourCountryOf(_x: Executor): Promise<string> {
  return DEFAULT_OUR_COUNTRY;
}

import type { UiLocale } from '@diplodesk/contracts';
import { countryLabel, flagEmoji } from '../../listening/utils/labels.ts';

/** A state's name: ISO codes in the reader's language; states that no longer exist as the votes file named them. */
export function stateName(code: string, locale: UiLocale, withFlag = true): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return withFlag ? `${flagEmoji(code)} ${countryLabel(code, locale)}`.trim() : countryLabel(code, locale);
}

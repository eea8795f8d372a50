import type { UiLocale } from '@diplodesk/contracts';
import { toUiLocale } from '../../../lib/intl.ts';
import { catalogues } from '../../../locales/catalogues.ts';

/** Languages offered first when adding a translation; any BCP 47 tag may be typed. */
export const commonLanguages = ['id', 'en', 'ar', 'zh', 'fr', 'es', 'ja', 'ms'] as const;

const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);
const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Canonical form of a tag, or null when it is not BCP 47. */
export function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** Writing direction of a language tag: the script subtag decides when present (e.g. `pa-Arab`). */
export function textDirection(tag: string): 'rtl' | 'ltr' {
  try {
    const locale = new Intl.Locale(tag).maximize();
    if (locale.script) return rtlScripts.has(locale.script) ? 'rtl' : 'ltr';
    return rtlLanguages.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

// Names the interface gives itself: BCP 47's "undetermined" (text too short to tell; Intl would call
// it "root"), and the regional languages of Indonesia that listening names, which Chromium's ICU
// data leaves unnamed (Intl.DisplayNames answers "min", "ban", "ace", "bjn").
const ownNames: Record<UiLocale, Record<string, string>> = {
  en: catalogues.en.language.contentNames,
  id: catalogues.id.language.contentNames,
};

/** The language's own name shown in the interface language, falling back to the tag. */
export function languageName(tag: string, uiLocale: string): string {
  const own = ownNames[toUiLocale(uiLocale)][tag.toLowerCase()];
  if (own) return own;
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

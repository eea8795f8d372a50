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

/** The language's own name shown in the interface language, falling back to the tag. */
export function languageName(tag: string, uiLocale: string): string {
  // BCP 47's "undetermined" (text too short to tell); Intl would call it "root".
  if (tag === 'und') return uiLocale.startsWith('id') ? 'Tidak diketahui' : 'Undetermined';
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Where an explicit language choice is kept; read first by the language detector. */
export const languageStorageKey = 'diplodesk.lang';

export function rememberLanguage(language: string): void {
  try {
    localStorage.setItem(languageStorageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

export function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(languageStorageKey);
  } catch {
    return null;
  }
}

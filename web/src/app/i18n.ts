import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { toUiLocale, uiLocales } from '../lib/intl.ts';
import { languageStorageKey } from '../lib/language-storage.ts';
import { catalogues } from '../locales/catalogues.ts';

function syncHtmlLang(language: string | undefined): void {
  if (typeof document !== 'undefined') document.documentElement.lang = toUiLocale(language);
}

i18n.on('languageChanged', (language) => syncHtmlLang(i18n.resolvedLanguage ?? language));

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: catalogues.en }, id: { translation: catalogues.id } },
    supportedLngs: [...uiLocales],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: languageStorageKey,
      // Only an explicit choice is stored (see rememberLanguage), never the browser's guess.
      caches: [],
    },
  });

export { i18n };

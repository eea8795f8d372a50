import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The public pages are rendered here, but every word on them lives with the web app's catalogues
// (web/src/locales/<lang>/newsroom.json), so translators keep one place per language.
export const uiLanguages = ['en', 'id'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

type Tree = { [key: string]: string | Tree };

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../web/src/locales');

function flatten(tree: Tree, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(p, value);
    else flatten(value, p, into);
  }
  return into;
}

let catalogues: Record<UiLanguage, Map<string, string>> | null = null;

export function loadCatalogues(dir = localesDir): Record<UiLanguage, Map<string, string>> {
  const read = (lang: UiLanguage) => flatten(JSON.parse(fs.readFileSync(path.join(dir, lang, 'newsroom.json'), 'utf8')) as Tree);
  return { en: read('en'), id: read('id') };
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A translator for one UI language; a missing key falls back to English, then to the key itself. */
export function translator(ui: UiLanguage): Translate {
  catalogues ??= loadCatalogues();
  const own = catalogues[ui];
  const fallback = catalogues.en;
  return (key, vars) => {
    const template = own.get(key) ?? fallback.get(key) ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  };
}

/** The reader's interface language: `?ui=` first, then Accept-Language, then English. */
export function pickUiLanguage(query: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (query && (uiLanguages as readonly string[]).includes(query)) return query as UiLanguage;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { primary: tag.split('-')[0]?.toLowerCase() ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.primary && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) if ((uiLanguages as readonly string[]).includes(r.primary)) return r.primary as UiLanguage;
  return 'en';
}

/** Name of a content language in the reader's language ("Indonesian" / "Inggris"), or the tag. */
export function languageName(tag: string, ui: UiLanguage): string {
  try {
    return new Intl.DisplayNames([ui], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A language named on its own, as a reader of `ui` says it. Indonesian names a language with "bahasa"
 * ("bahasa Inggris"); ICU gives the bare name ("Inggris", which is also the country), fit only inside
 * a sentence that already says "bahasa".
 */
export function languageLabel(tag: string, ui: string): string {
  const name = languageName(tag, ui as UiLanguage);
  if (ui !== 'id' && ui !== 'ms') return name;
  return name.toLowerCase().startsWith('bahasa') ? name : `Bahasa ${name}`;
}

/** Name of a content language in that language itself ("Bahasa Indonesia", "العربية"), for switchers. */
export function nativeLanguageName(tag: string): string {
  let own = tag;
  try {
    own = new Intl.Locale(tag).language;
  } catch {
    // not a well-formed tag: named by the tag itself below
  }
  return languageLabel(tag, own);
}

/**
 * A date for a page without script, where the reader's zone is unknown: told in the zone given (a
 * statement's audience time zone) with that zone named, else in UTC.
 */
export function formatDate(date: Date, ui: UiLanguage, timeZone = 'UTC'): string {
  const locale = ui === 'id' ? 'id-ID' : 'en-GB';
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  if (zone === 'UTC' || zone === 'Etc/UTC') return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
  const when = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(date);
  return `${when} (${zone.replaceAll('_', ' ')})`;
}

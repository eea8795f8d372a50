import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/test/cli-process.ts';

type Tree = { [key: string]: string | Tree };
const read = (lang: string, file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, `web/src/locales/${lang}/${file}.json`), 'utf8')) as Tree;
// The same assembly as web/src/locales/catalogues.ts: the shared file plus one file per area.
const load = (lang: string): Tree => ({ ...read(lang, 'translation'), statements: read(lang, 'statements'), channels: read(lang, 'channels'), listening: read(lang, 'listening'), listeningImport: read(lang, 'listening-import'), listeningTopics: read(lang, 'listening-topics'), listeningLive: read(lang, 'listening-live'), newsroom: read(lang, 'newsroom'), sso: read(lang, 'sso'), security: read(lang, 'security'), insights: read(lang, 'insights'), insightsBrief: read(lang, 'insights-brief'), insightsAlerts: read(lang, 'insights-alerts'), insightsImage: read(lang, 'insights-image'), home: { ...(read(lang, 'translation').home as Tree), ...read(lang, 'home') }, insightsCooperation: read(lang, 'insights-cooperation'), insightsMonitors: read(lang, 'insights-monitors'), integrity: read(lang, 'integrity'), integrityRebuttals: read(lang, 'integrity-rebuttals') });
const trees = { en: load('en'), id: load('id') };

/** The interface text for a key, so journeys assert what a person reads in each language. */
export function tr(lang: 'en' | 'id', key: string, vars: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = trees[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lang} text for ${key}`);
  return node.replace(/\{\{(\w+)(?:, *\w+)?\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

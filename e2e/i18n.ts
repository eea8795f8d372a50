import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/test/cli-process.ts';

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, `web/src/locales/${lang}/translation.json`), 'utf8')) as Tree;
const trees = { en: load('en'), id: load('id') };

/** The interface text for a key, so journeys assert what a person reads in each language. */
export function tr(lang: 'en' | 'id', key: string, vars: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = trees[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lang} text for ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

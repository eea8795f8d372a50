import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { auditActions, auditTargetTypes, claimImportProblemCodes, errorCodes, findingTitleKeys, findingTitleTemplates, permissions, roles, unitKind } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { comingAreas } from '../app/navigation.ts';
import { uiLocales } from '../lib/intl.ts';
import { catalogues as sources } from './catalogues.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [k, v] of flatten(value, path)) result.set(k, v);
  }
  return result;
}

const catalogues = { en: flatten(sources.en as unknown as Tree), id: flatten(sources.id as unknown as Tree) };
const pluralSuffixes = ['_zero', '_one', '_two', '_few', '_many', '_other'];

function hasKey(keys: Map<string, string>, key: string): boolean {
  return keys.has(key) || pluralSuffixes.some((suffix) => keys.has(`${key}${suffix}`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('locales', () => {
  it('English and Indonesian have exactly the same keys', () => {
    const enKeys = [...catalogues.en.keys()].sort();
    const idKeys = [...catalogues.id.keys()].sort();
    expect(idKeys.filter((key) => !catalogues.en.has(key))).toEqual([]);
    expect(enKeys.filter((key) => !catalogues.id.has(key))).toEqual([]);
  });

  it('has no empty values', () => {
    for (const [language, keys] of Object.entries(catalogues)) {
      const empty = [...keys].filter(([, value]) => value.trim() === '').map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('translates every error code of the contracts catalogue', () => {
    for (const keys of Object.values(catalogues)) {
      expect(errorCodes.filter((code) => !keys.has(`errors.${code}`))).toEqual([]);
    }
  });

  it('names every role, permission, unit kind, area and interface language', () => {
    const expected = [
      ...roles.map((role) => `roles.${role}`),
      ...permissions.map((permission) => `permissions.${permission}`),
      ...unitKind.options.map((kind) => `units.kinds.${kind}`),
      ...comingAreas.flatMap((area) => [
        `areas.${area}.title`,
        `areas.${area}.summary`,
        `areas.${area}.plan.first`,
        `areas.${area}.plan.second`,
        `areas.${area}.plan.third`,
      ]),
      ...uiLocales.map((locale) => `language.names.${locale}`),
    ];
    for (const keys of Object.values(catalogues)) {
      expect(expected.filter((key) => !keys.has(key))).toEqual([]);
    }
  });

  it('has a translation for every literal key the code asks for', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !hasKey(catalogues.en, key))).toEqual([]);
  });
  it('names every audit action and target type the server writes', () => {
    for (const lang of uiLocales) {
      for (const action of auditActions) expect(hasKey(catalogues[lang], `audit.actions.${action}`), `${lang}: audit.actions.${action}`).toBe(true);
      for (const type of auditTargetTypes) expect(hasKey(catalogues[lang], `audit.targetTypes.${type}`), `${lang}: audit.targetTypes.${type}`).toBe(true);
    }
  });

  it('words every keyed finding title and import problem; English says what the server stores', () => {
    const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of findingTitleKeys) {
      expect(catalogues.en.get(`integrity.findingTitles.${key}`), key).toBe(findingTitleTemplates[key]);
      expect(placeholders(catalogues.id.get(`integrity.findingTitles.${key}`)), key).toEqual(placeholders(findingTitleTemplates[key]));
    }
    for (const lang of uiLocales) for (const code of claimImportProblemCodes) expect(hasKey(catalogues[lang], `integrity.claims.problemReasons.${code}`), `${lang}: ${code}`).toBe(true);
  });
});

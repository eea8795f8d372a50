import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en/translation.json';
import id from '../locales/id/translation.json';
import { seededName, seededNames } from './seeded-names.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'id', fallbackLng: 'en', resources: { en: { translation: en }, id: { translation: id } } });
});

describe('seeded names', () => {
  it('shows every seeded name in Indonesian, and the English one unchanged in English', async () => {
    await i18n.changeLanguage('id');
    for (const name of seededNames) expect(seededName(name, i18n.t), name).not.toBe(name);
    expect(seededName('Final sign-off', i18n.t)).toBe('Persetujuan akhir');
    await i18n.changeLanguage('en');
    for (const name of seededNames) expect(seededName(name, i18n.t)).toBe(name);
  });

  it('shows a name somebody chose as written', async () => {
    await i18n.changeLanguage('id');
    expect(seededName('Jalur Kedutaan Tokyo', i18n.t)).toBe('Jalur Kedutaan Tokyo');
    expect(seededName('final sign-off', i18n.t)).toBe('final sign-off');
  });
});

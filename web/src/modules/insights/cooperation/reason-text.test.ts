import type { PartnerReason } from '@diplodesk/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogues } from '../../../locales/catalogues.ts';
import { reasonText } from './reason-text.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: catalogues.en }, id: { translation: catalogues.id } }, interpolation: { escapeValue: false } });
});

describe('reason sentences', () => {
  it('say each figure in the reader’s language', async () => {
    const un: PartnerReason = { kind: 'un-agreement', agreement: 0.8712, votes: 84, issues: ['hr'], fromSession: 75, toSession: 78 };
    const o = { ours: 'Indonesia', topic: 'Human rights', locale: 'en' };
    expect(reasonText(i18next.t, un, o)).toBe('agreed on 87% of human-rights votes in sessions 75–78 (84 votes)');
    expect(reasonText(i18next.t, { kind: 'co-mentions', items: 42, days: 90 }, { ...o, topic: 'climate' })).toBe('co-mentioned with Indonesia in 42 items on climate in the last 90 days');
    expect(reasonText(i18next.t, { kind: 'statements', statements: 1, days: 90 }, o)).toBe('named in 1 of our statements on Human rights in the last 90 days');
    await i18next.changeLanguage('id');
    expect(reasonText(i18next.t, { ...un, issues: [] } as PartnerReason, { ...o, locale: 'id' })).toBe('bersuara sama pada 87% seluruh pemungutan suara PBB di sidang 75–78 (84 suara)');
  });
});

import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../locales/en/translation.json';
import id from '../../../locales/id/translation.json';
import { summaryLines } from './audit-summary.ts';

const i18n = i18next.createInstance();
const n = (value: number) => new Intl.NumberFormat('en-GB').format(value);
beforeAll(async () => {
  await i18n.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en }, id: { translation: id } } });
});

describe('audit summary in words', () => {
  it('turns before/after into one line per changed field, old → new', () => {
    const lines = summaryLines({ before: { city: 'Jakarta', timeZone: 'Asia/Jakarta', name: 'Embassy' }, after: { city: 'Bandung', name: 'Embassy' } }, i18n.t, n);
    expect(lines).toEqual([{ label: 'City', text: 'Jakarta → Bandung' }]);
  });

  it('names keys, and says values (yes/no, not set, lists, numbers) in words', async () => {
    const lines = summaryLines({ fastTrack: true, steps: 2, kind: null, tags: ['media', 'pacific'], platform: 'mastodon' }, i18n.t, n);
    expect(lines).toEqual([
      { label: 'Fast track', text: 'Yes' },
      { label: 'Steps', text: '2' },
      { label: 'Kind', text: 'Not set' },
      { label: 'Tags', text: 'media, pacific' },
      { label: 'Platform', text: 'mastodon' },
    ]);
    await i18n.changeLanguage('id');
    expect(summaryLines({ fastTrack: false }, i18n.t, n)).toEqual([{ label: 'Jalur cepat', text: 'Tidak' }]);
    await i18n.changeLanguage('en');
  });

  it('shows a field that only appears after a change without an arrow', () => {
    expect(summaryLines({ before: {}, after: { countryCode: 'AU' } }, i18n.t, n)).toEqual([{ label: 'Country', text: 'AU' }]);
  });
});

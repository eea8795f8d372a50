import { describe, expect, it } from 'vitest';
import { composeAlertMail } from './alert-message.ts';

const facts = {
  ruleName: 'Tuna <prices>',
  kind: 'spike' as const,
  why: { method: 'spike', bucket: 'hour' as const, series: [], start: 0, end: 0, observed: 63, expected: 7.5, sd: null, score: 12.25, threshold: 6 },
  from: new Date('2026-03-02T08:00:00Z'),
  to: new Date('2026-03-02T09:00:00Z'),
  timeZone: 'Asia/Jakarta',
  link: 'https://desk.example/insights/alerts',
};

describe('the alert e-mail', () => {
  it('says why and when in English, with the link, and escapes the rule name in HTML', () => {
    const mail = composeAlertMail(facts, 'en');
    expect(mail.subject).toBe('[DiploDesk] Alert: Tuna <prices>');
    expect(mail.text).toContain('63 items in one hour where about 7.5 were expected');
    expect(mail.text).toContain('(Asia/Jakarta)');
    expect(mail.text).toContain('https://desk.example/insights/alerts');
    expect(mail.html).toContain('Tuna &#60;prices&#62;');
    expect(mail.html).not.toContain('<prices>');
  });

  it('speaks Indonesian to an Indonesian reader, numbers included', () => {
    const mail = composeAlertMail(facts, 'id');
    expect(mail.text).toContain('63 butir dalam satu jam, padahal biasanya sekitar 7,5');
    expect(mail.text).toContain('Periode:');
    expect(mail.html).toContain('lang="id"');
  });
});

describe('a threat monitor’s warning e-mail', () => {
  const warning = {
    ruleName: 'Terrorism & violent extremism',
    labels: { en: 'Terrorism & violent extremism', id: 'Terorisme & ekstremisme kekerasan' },
    kind: 'forecast-band' as const,
    why: { method: 'forecast-band', bucket: 'day' as const, series: [], start: 0, end: 0, observed: 153, expected: 20.4, sd: null, score: 153, threshold: 41.25, band: { metric: 'intensity' as const, reason: 'above-band' as const, lower: 3.5, upper: 41.25, level: null } },
    from: new Date('2026-03-02T00:00:00Z'),
    to: new Date('2026-03-03T00:00:00Z'),
    timeZone: 'UTC',
    link: 'https://desk.example/insights/monitors/0190f000-0000-7000-8000-000000000001',
  };

  it('names the monitor, says which figure left its band on which day, and links to the monitor', () => {
    const mail = composeAlertMail(warning, 'en');
    expect(mail.subject).toBe('[DiploDesk] Monitor warning: Terrorism & violent extremism');
    expect(mail.text).toContain('The threat monitor “Terrorism & violent extremism” warns.');
    expect(mail.text).toContain('Conflict intensity on 2 Mar: 153, above the forecast band (3.5–41.3).');
    expect(mail.text).toContain('Day: 2 Mar 2026 (UTC)');
    expect(mail.text).toContain('Open the monitor: https://desk.example/insights/monitors/');
    expect(mail.text).toContain('a threat monitor of your unit');
    expect(mail.text).not.toMatch(/alert rule|undefined|NaN/);
  });

  it('gives a seeded monitor its Indonesian name and the Indonesian sentence', () => {
    const mail = composeAlertMail(warning, 'id');
    expect(mail.subject).toBe('[DiploDesk] Peringatan monitor: Terorisme & ekstremisme kekerasan');
    expect(mail.text).toContain('Monitor ancaman “Terorisme & ekstremisme kekerasan” memberi peringatan.');
    expect(mail.text).toContain('Intensitas konflik pada 2 Mar: 153, di atas pita prakiraan (3,5–41,3).');
    expect(mail.text).toContain('Hari: 2 Mar 2026 (UTC)');
  });

  it('says a forecast crossing the level as a forecast, and falls back to the band sentence for an alert kept without its reason', () => {
    const level = { ...warning, labels: null, ruleName: 'Straits', why: { ...warning.why, observed: 61.6, threshold: 50, band: { metric: 'items' as const, reason: 'forecast-level' as const, lower: 30, upper: 70, level: 50 } } };
    expect(composeAlertMail(level, 'en').text).toContain('Items forecast to reach 61.6 on 2 Mar, at or above the level of 50.');
    const { band: _band, ...older } = warning.why;
    expect(composeAlertMail({ ...warning, why: older }, 'en').text).toContain('The monitor left its forecast band: 153 where about 20.4 was forecast (band edge 41.25).');
  });
});

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

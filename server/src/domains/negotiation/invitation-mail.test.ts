import { describe, expect, it } from 'vitest';
import { composeInvitationMail, invitationLocaleOf } from './invitation-mail.ts';

const facts = {
  guestName: 'Dr. <Amara> Okafor',
  meetingTitle: 'Climate finance consultations',
  startsAt: new Date('2027-03-09T02:00:00Z'),
  endsAt: new Date('2027-03-09T04:00:00Z'),
  timeZone: 'Asia/Jakarta',
  link: 'https://desk.example.go.id/negotiation/invitation#ddm_abc',
  expiresAt: new Date('2027-03-01T00:00:00Z'),
};

describe('invitation e-mail', () => {
  it('is written in Indonesian for an Indonesian speaker and in English otherwise', () => {
    expect(invitationLocaleOf('id')).toBe('id');
    expect(invitationLocaleOf('id-ID')).toBe('id');
    expect(invitationLocaleOf('ig')).toBe('en');
    expect(invitationLocaleOf(null)).toBe('en');
  });

  it('gives the meeting’s time in its own zone, the link and its expiry', () => {
    const en = composeInvitationMail(facts, 'en');
    expect(en.subject).toBe('Meeting invitation: Climate finance consultations');
    // 02:00 UTC is 09:00 in Jakarta (UTC+7).
    expect(en.text).toContain('09:00');
    expect(en.text).toContain('(Asia/Jakarta)');
    expect(en.text).toContain(facts.link);
    const id = composeInvitationMail(facts, 'id');
    expect(id.subject).toBe('Undangan rapat: Climate finance consultations');
    expect(id.text).toMatch(/Selasa, 0?9 Maret 2027 pukul 09[.:]00/);
  });

  it('escapes names in the HTML part', () => {
    const { html } = composeInvitationMail(facts, 'en');
    expect(html).toContain('Dr. &lt;Amara&gt; Okafor');
    expect(html).not.toContain('<Amara>');
  });
});

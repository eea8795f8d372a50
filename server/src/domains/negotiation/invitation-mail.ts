// The invitation e-mail of an external delegate, in English or Indonesian. Pure: no I/O. The link
// carries the token in its fragment, which browsers never send to a server or in a Referer.

export type InvitationFacts = { guestName: string; meetingTitle: string; startsAt: Date; endsAt: Date; timeZone: string; link: string; expiresAt: Date };
export type InvitationLocale = 'en' | 'id';

/** English unless the participant's language is Indonesian (`id`, `id-ID`, …). */
export const invitationLocaleOf = (language: string | null): InvitationLocale => (language && /^id(-|$)/i.test(language) ? 'id' : 'en');

const when = (d: Date, timeZone: string, locale: InvitationLocale) =>
  `${new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(d)} (${timeZone})`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function composeInvitationMail(f: InvitationFacts, locale: InvitationLocale): { subject: string; text: string; html: string } {
  const start = when(f.startsAt, f.timeZone, locale);
  const end = when(f.endsAt, f.timeZone, locale);
  const until = when(f.expiresAt, 'UTC', locale);
  const lines =
    locale === 'id'
      ? {
          subject: `Undangan rapat: ${f.meetingTitle}`,
          hello: `Yth. ${f.guestName},`,
          body: `Anda diundang sebagai delegasi ke rapat “${f.meetingTitle}”, ${start} sampai ${end}.`,
          open: 'Buka tautan ini untuk menerima undangan. Tautan hanya membuka rapat ini dan hanya dapat dipakai sekali:',
          expiry: `Tautan berlaku sampai ${until}. Jika Anda tidak menunggu undangan ini, abaikan e-mail ini.`,
        }
      : {
          subject: `Meeting invitation: ${f.meetingTitle}`,
          hello: `Dear ${f.guestName},`,
          body: `You are invited as a delegate to the meeting “${f.meetingTitle}”, ${start} to ${end}.`,
          open: 'Open this link to accept. It opens this meeting only and works once:',
          expiry: `The link works until ${until}. If you did not expect this invitation, ignore this message.`,
        };
  const text = [lines.hello, '', lines.body, '', lines.open, f.link, '', lines.expiry, ''].join('\n');
  const html = `<p>${escapeHtml(lines.hello)}</p><p>${escapeHtml(lines.body)}</p><p>${escapeHtml(lines.open)}<br><a href="${escapeHtml(f.link)}">${escapeHtml(f.link)}</a></p><p>${escapeHtml(lines.expiry)}</p>`;
  return { subject: lines.subject, text, html };
}

// The alert e-mail, in the recipient's language (English or Indonesian): the rule, why it fired
// (the same sentences as the inbox), the period, and a link to the inbox. Pure: no I/O, no secrets.
import type { AlertRuleKind, AlertWhy } from '@diplodesk/contracts';

export type AlertFacts = {
  ruleName: string;
  kind: AlertRuleKind;
  why: AlertWhy;
  from: Date;
  to: Date;
  /** The IANA zone the period is shown in (the rule's). */
  timeZone: string;
  /** `<staff URL>/insights/alerts`. */
  link: string;
};

type Locale = 'en' | 'id';
type Vars = { observed: string; expected: string; score: string; threshold: string; bucket: string };

const words: Record<Locale, { bucket: Record<'hour' | 'day', string>; why: Record<AlertRuleKind, (v: Vars) => string>; intro: (rule: string) => string; period: string; open: string; footer: string }> = {
  en: {
    bucket: { hour: 'hour', day: 'day' },
    why: {
      threshold: (v) => `${v.observed} items in one ${v.bucket}, more than the rule’s ${v.threshold}.`,
      spike: (v) => `${v.observed} items in one ${v.bucket} where about ${v.expected} were expected from the same time on previous days (surprise score ${v.score}, alert at ${v.threshold}).`,
      window: (v) => `${v.observed} items in the last ${v.bucket} against ${v.expected} on average before it (score ${v.score}, alert at ${v.threshold}), and more than at the same time yesterday and last week.`,
      burst: (v) => `A burst: this topic’s share of all items rose to ${v.observed} from a usual ${v.expected} (Kleinberg’s burst model).`,
      'tone-drop': (v) => `The average tone fell to ${v.observed} from ${v.expected} (score ${v.score}, alert at ${v.threshold}).`,
      'cluster-growth': (v) => `${v.observed} different accounts posted near-copies of one text within an hour, reaching the rule’s ${v.threshold} (before that, ${v.expected} an hour on average).`,
    },
    intro: (rule) => `The alert rule “${rule}” fired.`,
    period: 'Period',
    open: 'Open the alerts inbox',
    footer: 'You receive this because an alert rule of your unit in DiploDesk names you as a recipient.',
  },
  id: {
    bucket: { hour: 'jam', day: 'hari' },
    why: {
      threshold: (v) => `${v.observed} butir dalam satu ${v.bucket}, lebih dari batas aturan, ${v.threshold}.`,
      spike: (v) => `${v.observed} butir dalam satu ${v.bucket}, padahal biasanya sekitar ${v.expected} pada waktu yang sama di hari-hari sebelumnya (skor kejutan ${v.score}, peringatan pada ${v.threshold}).`,
      window: (v) => `${v.observed} butir dalam ${v.bucket} terakhir dibandingkan rata-rata ${v.expected} sebelumnya (skor ${v.score}, peringatan pada ${v.threshold}), dan lebih banyak daripada waktu yang sama kemarin dan minggu lalu.`,
      burst: (v) => `Lonjakan: porsi topik ini dari semua butir naik menjadi ${v.observed} dari biasanya ${v.expected} (model lonjakan Kleinberg).`,
      'tone-drop': (v) => `Rata-rata nada turun menjadi ${v.observed} dari ${v.expected} (skor ${v.score}, peringatan pada ${v.threshold}).`,
      'cluster-growth': (v) => `${v.observed} akun berbeda mengunggah teks yang nyaris sama dalam satu jam, mencapai batas aturan, ${v.threshold} (sebelumnya rata-rata ${v.expected} akun per jam).`,
    },
    intro: (rule) => `Aturan peringatan “${rule}” terpicu.`,
    period: 'Periode',
    open: 'Buka kotak masuk peringatan',
    footer: 'Anda menerima pesan ini karena aturan peringatan unit Anda di DiploDesk mencantumkan Anda sebagai penerima.',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sentence saying why the alert fired, as the inbox says it. */
export function whySentence(facts: Pick<AlertFacts, 'kind' | 'why'>, locale: Locale): string {
  const number = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 });
  const w = words[locale];
  const { why } = facts;
  return w.why[facts.kind]({ observed: number.format(why.observed), expected: number.format(why.expected), score: number.format(why.score), threshold: number.format(why.threshold), bucket: w.bucket[why.bucket] });
}

function periodOf(facts: AlertFacts, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: facts.timeZone });
  return `${format.formatRange(facts.from, facts.to)} (${facts.timeZone})`;
}

/** Subject, plain text and HTML of an alert e-mail. */
export function composeAlertMail(facts: AlertFacts, locale: Locale): { subject: string; text: string; html: string } {
  const w = words[locale];
  const why = whySentence(facts, locale);
  const period = periodOf(facts, locale);
  const subject = `[DiploDesk] Alert: ${facts.ruleName}`;
  const text = [w.intro(facts.ruleName), '', why, '', `${w.period}: ${period}`, '', `${w.open}: ${facts.link}`, '', '--', w.footer, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<p><strong>${escapeHtml(w.intro(facts.ruleName))}</strong></p>`,
    `<p>${escapeHtml(why)}</p>`,
    `<p>${escapeHtml(w.period)}: ${escapeHtml(period)}</p>`,
    `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(w.open)}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(w.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

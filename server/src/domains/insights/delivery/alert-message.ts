// The alert e-mail, in the recipient's language (English or Indonesian): the rule or the threat
// monitor, why it fired or warns (the same sentences as the inbox and the monitors page), the
// period, and a link. Pure: no I/O, no secrets.
import type { AlertBandExit, AlertKind, AlertRuleKind, AlertWhy } from '@diplodesk/contracts';

export type AlertFacts = {
  /** The rule's or the monitor's name. */
  ruleName: string;
  /** A seeded monitor's name in both languages (it replaces `ruleName` in the reader's language). */
  labels?: { en: string; id: string } | null;
  kind: AlertKind;
  why: AlertWhy;
  from: Date;
  to: Date;
  /** The IANA zone a rule's period is shown in (the rule's); a monitor's day is a UTC day. */
  timeZone: string;
  /** `<staff URL>/insights/alerts`, or the monitor's page for a monitor's warning. */
  link: string;
};

type Locale = 'en' | 'id';
type Vars = { observed: string; expected: string; score: string; threshold: string; bucket: string };
type BandVars = { metric: string; day: string; observed: string; lower: string; upper: string; level: string };
type Frame = { subject: string; intro: (name: string) => string; period: string; open: string; footer: string };

const words: Record<
  Locale,
  {
    bucket: Record<'hour' | 'day', string>;
    why: Record<AlertRuleKind, (v: Vars) => string>;
    rule: Frame;
    monitor: Frame & { metric: Record<AlertBandExit['metric'], string>; band: Record<AlertBandExit['reason'], (v: BandVars) => string>; leftBand: (v: Vars) => string };
  }
> = {
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
    rule: {
      subject: 'Alert',
      intro: (name) => `The alert rule “${name}” fired.`,
      period: 'Period',
      open: 'Open the alerts inbox',
      footer: 'You receive this because an alert rule of your unit in DiploDesk names you as a recipient.',
    },
    monitor: {
      subject: 'Monitor warning',
      intro: (name) => `The threat monitor “${name}” warns.`,
      period: 'Day',
      open: 'Open the monitor',
      footer: 'You receive this because a threat monitor of your unit in DiploDesk names you as a recipient.',
      metric: { items: 'Items', intensity: 'Conflict intensity' },
      band: {
        'above-band': (v) => `${v.metric} on ${v.day}: ${v.observed}, above the forecast band (${v.lower}–${v.upper}).`,
        'below-band': (v) => `${v.metric} on ${v.day}: ${v.observed}, below the forecast band (${v.lower}–${v.upper}).`,
        'forecast-level': (v) => `${v.metric} forecast to reach ${v.observed} on ${v.day}, at or above the level of ${v.level}.`,
      },
      leftBand: (v) => `The monitor left its forecast band: ${v.observed} where about ${v.expected} was forecast (band edge ${v.threshold}).`,
    },
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
    rule: {
      subject: 'Peringatan',
      intro: (name) => `Aturan peringatan “${name}” terpicu.`,
      period: 'Periode',
      open: 'Buka kotak masuk peringatan',
      footer: 'Anda menerima pesan ini karena aturan peringatan unit Anda di DiploDesk mencantumkan Anda sebagai penerima.',
    },
    monitor: {
      subject: 'Peringatan monitor',
      intro: (name) => `Monitor ancaman “${name}” memberi peringatan.`,
      period: 'Hari',
      open: 'Buka monitor',
      footer: 'Anda menerima pesan ini karena monitor ancaman unit Anda di DiploDesk mencantumkan Anda sebagai penerima.',
      metric: { items: 'Jumlah butir', intensity: 'Intensitas konflik' },
      band: {
        'above-band': (v) => `${v.metric} pada ${v.day}: ${v.observed}, di atas pita prakiraan (${v.lower}–${v.upper}).`,
        'below-band': (v) => `${v.metric} pada ${v.day}: ${v.observed}, di bawah pita prakiraan (${v.lower}–${v.upper}).`,
        'forecast-level': (v) => `${v.metric} diperkirakan mencapai ${v.observed} pada ${v.day}, menyentuh atau melewati batas ${v.level}.`,
      },
      leftBand: (v) => `Monitor keluar dari pita prakiraannya: ${v.observed}, padahal prakiraannya sekitar ${v.expected} (tepi pita ${v.threshold}).`,
    },
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');
const isMonitor = (facts: Pick<AlertFacts, 'kind'>) => facts.kind === 'forecast-band';

/** A monitor's day (UTC), as the monitors page writes it. */
const dayOf = (at: Date, locale: Locale, dateStyle: 'medium' | undefined) =>
  new Intl.DateTimeFormat(intlLocale(locale), dateStyle ? { dateStyle, timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at);

/** The sentence saying why the alert fired (or the monitor warns), as the inbox says it. */
export function whySentence(facts: Pick<AlertFacts, 'kind' | 'why' | 'from'>, locale: Locale): string {
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  const w = words[locale];
  const { why } = facts;
  const vars = { observed: number.format(why.observed), expected: number.format(why.expected), score: number.format(why.score), threshold: number.format(why.threshold), bucket: w.bucket[why.bucket] };
  if (!isMonitor(facts)) return w.why[facts.kind as AlertRuleKind](vars);
  const band = why.band;
  if (!band) return w.monitor.leftBand(vars);
  const one = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  return w.monitor.band[band.reason]({ metric: w.monitor.metric[band.metric], day: dayOf(facts.from, locale, undefined), observed: one.format(why.observed), lower: one.format(band.lower), upper: one.format(band.upper), level: one.format(band.level ?? 0) });
}

function periodOf(facts: AlertFacts, locale: Locale): string {
  if (isMonitor(facts)) return `${dayOf(facts.from, locale, 'medium')} (UTC)`;
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: facts.timeZone });
  return `${format.formatRange(facts.from, facts.to)} (${facts.timeZone})`;
}

/** Subject, plain text and HTML of an alert e-mail. */
export function composeAlertMail(facts: AlertFacts, locale: Locale): { subject: string; text: string; html: string } {
  const frame = isMonitor(facts) ? words[locale].monitor : words[locale].rule;
  const name = facts.labels ? facts.labels[locale] : facts.ruleName;
  const why = whySentence(facts, locale);
  const period = periodOf(facts, locale);
  const subject = `[DiploDesk] ${frame.subject}: ${name}`;
  const text = [frame.intro(name), '', why, '', `${frame.period}: ${period}`, '', `${frame.open}: ${facts.link}`, '', '--', frame.footer, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<p><strong>${escapeHtml(frame.intro(name))}</strong></p>`,
    `<p>${escapeHtml(why)}</p>`,
    `<p>${escapeHtml(frame.period)}: ${escapeHtml(period)}</p>`,
    `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(frame.open)}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(frame.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

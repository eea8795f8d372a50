// The brief's words on the server (the PDF and the e-mail), in English and Indonesian. The web
// page has its own in web/src/locales/*/insights-brief.json.
export type BriefLocale = 'en' | 'id';

type Words = {
  title: string;
  unit: string;
  day: string;
  generated: string;
  page: (n: number, of: number) => string;
  sections: Record<string, string>;
  figures: Record<string, string>;
  notConfigured: Record<string, string>;
  none: Record<string, string>;
  perHour: string;
  items: (n: string, count: number) => string;
  kinds: Record<string, string>;
  mail: { subject: (unit: string, day: string) => string; intro: (unit: string, day: string) => string; open: string; footer: string };
};

export const briefWords: Record<BriefLocale, Words> = {
  en: {
    title: 'Daily brief',
    unit: 'Unit',
    day: 'Day',
    generated: 'Prepared',
    page: (n, of) => `Page ${n} of ${of}`,
    sections: { 'top-stories': 'Top stories', alerts: 'Alerts', 'image-index': 'Nation-image index', 'threat-changes': 'Threat monitors that changed' },
    figures: { items: 'Items collected', largestStory: 'Largest story (items)', alerts: 'Alerts fired', open: 'Still open', imageItems: 'Items about our country', imageTone: 'Mean tone (−1 to +1)', imageLow: '95 % interval from', imageHigh: 'to', monitorsWarning: 'Monitors warning', monitorsLeftBand: 'Back within the band after leaving it' },
    notConfigured: {
      'image-index': 'Not configured yet: this section appears once the nation-image index is set up.',
      'threat-changes': 'Not configured yet: this section appears once threat monitors are set up.',
      default: 'Not configured yet.',
    },
    none: { 'top-stories': 'No items were collected on this day.', alerts: 'No alert fired on this day.', 'threat-changes': 'No threat monitor warned or left its band.', default: 'Nothing to report.' },
    perHour: 'Items per hour',
    items: (n, count) => (count === 1 ? '1 item' : `${n} items`),
    kinds: { threshold: 'threshold', spike: 'spike', window: 'rise against the last hours or days', burst: 'burst', 'tone-drop': 'tone drop', 'cluster-growth': 'near-duplicates spreading', 'pulls-up': 'pulls the index up', 'pulls-down': 'pulls the index down', 'monitor-above-band': 'above its forecast band', 'monitor-below-band': 'below its forecast band', 'monitor-forecast-level': 'forecast to reach its level', 'monitor-left-band': 'left its band, now back within it' },
    mail: {
      subject: (unit, day) => `[DiploDesk] Daily brief: ${unit}, ${day}`,
      intro: (unit, day) => `The daily brief of ${unit} for ${day} is attached as a PDF.`,
      open: 'Open the brief in DiploDesk',
      footer: 'You receive this because the daily brief schedule of your unit in DiploDesk names you as a recipient.',
    },
  },
  id: {
    title: 'Ringkasan harian',
    unit: 'Unit',
    day: 'Hari',
    generated: 'Disusun',
    page: (n, of) => `Halaman ${n} dari ${of}`,
    sections: { 'top-stories': 'Berita utama', alerts: 'Peringatan', 'image-index': 'Indeks citra negara', 'threat-changes': 'Pemantau ancaman yang berubah' },
    figures: { items: 'Butir terkumpul', largestStory: 'Berita terbesar (butir)', alerts: 'Peringatan terpicu', open: 'Masih terbuka', imageItems: 'Butir tentang negara kita', imageTone: 'Nada rata-rata (−1 s.d. +1)', imageLow: 'Interval 95 % dari', imageHigh: 'sampai', monitorsWarning: 'Pemantau yang memberi peringatan', monitorsLeftBand: 'Kembali ke dalam pita setelah keluar' },
    notConfigured: {
      'image-index': 'Belum disiapkan: bagian ini muncul setelah indeks citra negara diatur.',
      'threat-changes': 'Belum disiapkan: bagian ini muncul setelah pemantau ancaman diatur.',
      default: 'Belum disiapkan.',
    },
    none: { 'top-stories': 'Tidak ada butir yang terkumpul pada hari ini.', alerts: 'Tidak ada peringatan yang terpicu pada hari ini.', 'threat-changes': 'Tidak ada pemantau ancaman yang memberi peringatan atau keluar dari pitanya.', default: 'Tidak ada yang perlu dilaporkan.' },
    perHour: 'Butir per jam',
    items: (n) => `${n} butir`,
    kinds: { threshold: 'ambang batas', spike: 'lonjakan', window: 'kenaikan dibanding jam atau hari sebelumnya', burst: 'ledakan', 'tone-drop': 'penurunan nada', 'cluster-growth': 'salinan serupa yang menyebar', 'pulls-up': 'menaikkan indeks', 'pulls-down': 'menurunkan indeks', 'monitor-above-band': 'di atas pita prakiraannya', 'monitor-below-band': 'di bawah pita prakiraannya', 'monitor-forecast-level': 'diprakirakan mencapai batasnya', 'monitor-left-band': 'sempat keluar dari pitanya, kini kembali di dalamnya' },
    mail: {
      subject: (unit, day) => `[DiploDesk] Ringkasan harian: ${unit}, ${day}`,
      intro: (unit, day) => `Ringkasan harian ${unit} untuk ${day} terlampir dalam bentuk PDF.`,
      open: 'Buka ringkasan di DiploDesk',
      footer: 'Anda menerima pesan ini karena jadwal ringkasan harian unit Anda di DiploDesk mencantumkan Anda sebagai penerima.',
    },
  },
};

export const intlLocale = (l: BriefLocale) => (l === 'id' ? 'id-ID' : 'en-GB');

/** The day as a reader says it ("Monday, 2 March 2026" / "Senin, 2 Maret 2026"). */
export function formatDay(date: string, locale: BriefLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

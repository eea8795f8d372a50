// Column-name guesses for the mapping preview, in English and Indonesian. The user confirms the
// mapping before importing, so a wrong guess costs a click, not a bad import.

/** Which column feeds each item field. Values are column names (JSONL: keys, dotted for nesting). */
export interface ImportMapping {
  remoteId?: string;
  text: string;
  url?: string;
  author?: string;
  publishedAt?: string;
  language?: string;
  title?: string;
}
export type MappingField = keyof ImportMapping;

/** Exact names per field, best first. */
const NAMES: Record<MappingField, string[]> = {
  remoteId: ['id', 'remote_id', 'post_id', 'tweet_id', 'status_id', 'message_id', 'item_id', 'guid', 'uuid'],
  text: ['text', 'content', 'message', 'body', 'tweet', 'full_text', 'post', 'caption', 'isi', 'teks', 'konten', 'pesan', 'isi_berita', 'isi_pesan'],
  url: ['url', 'link', 'permalink', 'href', 'tautan', 'sourceurl', 'source_url'],
  author: ['author', 'user', 'username', 'screen_name', 'user_name', 'handle', 'account', 'penulis', 'pengguna', 'nama_pengguna', 'akun', 'user.screen_name', 'account.acct'],
  publishedAt: ['created_at', 'date', 'timestamp', 'published', 'published_at', 'publish_date', 'datetime', 'time', 'pubdate', 'posted_at', 'tanggal', 'waktu', 'tanggal_terbit', 'diterbitkan'],
  language: ['lang', 'language', 'locale', 'bahasa'],
  title: ['title', 'headline', 'subject', 'judul'],
};

/** Words that mark a field inside a longer name (`tweet_text`, `Tanggal Terbit`); ids only match exactly. */
const TOKENS: Partial<Record<MappingField, string[]>> = {
  text: ['text', 'content', 'message', 'body', 'isi', 'teks', 'konten', 'pesan'],
  url: ['url', 'link', 'tautan'],
  author: ['author', 'username', 'user', 'penulis', 'pengguna'],
  publishedAt: ['date', 'created', 'published', 'timestamp', 'tanggal', 'waktu'],
  language: ['lang', 'language', 'bahasa'],
  title: ['title', 'headline', 'judul'],
};

const FIELD_ORDER: MappingField[] = ['text', 'remoteId', 'publishedAt', 'url', 'author', 'title', 'language'];

function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Suggests a mapping from column names; when no column is named like text, the column with the
 * longest sample values that are not links is taken for it.
 *
 * @example
 * suggestMapping(['ID', 'Isi', 'Tanggal', 'Penulis']) // { text: 'Isi', remoteId: 'ID', publishedAt: 'Tanggal', author: 'Penulis' }
 */
export function suggestMapping(columns: string[], sampleRows: Record<string, string>[] = []): Partial<ImportMapping> {
  const normalised = columns.map(normaliseName);
  const taken = new Set<number>();
  const mapping: Partial<ImportMapping> = {};
  const assign = (field: MappingField, index: number) => {
    mapping[field] = columns[index]!;
    taken.add(index);
  };
  for (const field of FIELD_ORDER) {
    for (const name of NAMES[field]) {
      const index = normalised.findIndex((n, i) => n === name && !taken.has(i));
      if (index !== -1) {
        assign(field, index);
        break;
      }
    }
  }
  for (const field of FIELD_ORDER) {
    const tokens = TOKENS[field];
    if (mapping[field] !== undefined || !tokens) continue;
    const index = normalised.findIndex((n, i) => !taken.has(i) && n.split(/[_.]/).some((part) => tokens.includes(part)));
    if (index !== -1) assign(field, index);
  }
  if (mapping.text === undefined && sampleRows.length > 0) {
    let best = -1;
    let bestLength = 0;
    columns.forEach((column, index) => {
      if (taken.has(index)) return;
      const values = sampleRows.map((row) => row[column] ?? '');
      if (values.some((v) => /^https?:\/\//i.test(v))) return;
      const average = values.reduce((sum, v) => sum + v.length, 0) / values.length;
      // Numbers and codes are short; prose has spaces.
      if (average > bestLength && values.some((v) => v.includes(' '))) {
        best = index;
        bestLength = average;
      }
    });
    if (best !== -1) assign('text', best);
  }
  return mapping;
}

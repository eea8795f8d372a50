// GKG (Global Knowledge Graph) records: only what attaches tone, themes and places to a document.
// GKG 2.1 has 27 tab-separated fields, but older files have fewer and some rows carry extra tabs,
// so fields are read by position and anything missing is simply empty.

/** The V2Tone field: seven comma-separated numbers (word count was added in format 1.5). */
export interface GkgTone {
  /** Positive minus negative, −100…+100 (usually −10…+10). */
  tone: number;
  positive: number;
  negative: number;
  /** Share of words found in the tone dictionary. */
  polarity: number;
  activityDensity: number;
  selfGroupDensity: number;
  /** Absent in pre-1.5 rows, which have six numbers. */
  wordCount: number | null;
}

export interface GkgLocation {
  type: number;
  fullName: string;
  /** FIPS 10-4, as in the events table. */
  countryCode: string;
  lat: number | null;
  long: number | null;
}

export interface GkgRecord {
  recordId: string;
  /** YYYYMMDDHHMMSS as written. */
  date: string;
  sourceName: string;
  documentIdentifier: string;
  themes: string[];
  locations: GkgLocation[];
  tone: GkgTone | null;
  /** True when GDELT machine-translated the document (record id contains "T"). */
  translated: boolean;
}

const FIELD = { recordId: 0, date: 1, sourceName: 3, documentIdentifier: 4, themes: 7, v2Themes: 8, locations: 9, v2Tone: 15 } as const;

/**
 * Parses a V2Tone field; null when it has fewer than six numbers or a non-number.
 *
 * @example
 * parseV2Tone('-2.5,1.5,4,5.5,20.1,0.3,412')?.wordCount // 412
 */
export function parseV2Tone(field: string): GkgTone | null {
  const parts = field.trim().split(',');
  if (parts.length < 6) return null;
  const nums = parts.slice(0, 7).map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (nums.some((n) => !Number.isFinite(n))) return null;
  const [tone = 0, positive = 0, negative = 0, polarity = 0, activityDensity = 0, selfGroupDensity = 0, wordCount] = nums;
  return { tone, positive, negative, polarity, activityDensity, selfGroupDensity, wordCount: wordCount ?? null };
}

/** Parses the GKG V1 Locations field: `type#name#country#adm1#lat#long#featureId` joined by `;`. */
export function parseGkgLocations(field: string): GkgLocation[] {
  const out: GkgLocation[] = [];
  for (const block of field.split(';')) {
    if (!block.trim()) continue;
    const p = block.split('#');
    const num = (s: string | undefined) => (s === undefined || s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
    out.push({ type: num(p[0]) ?? 0, fullName: p[1] ?? '', countryCode: p[2] ?? '', lat: num(p[4]), long: num(p[5]) });
  }
  return out;
}

/** Parses a GKG file; rows without a document identifier are reported, not thrown. */
export function parseGkg(text: string): { records: GkgRecord[]; rejected: { line: number; reason: string }[] } {
  const records: GkgRecord[] = [];
  const rejected: { line: number; reason: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    const at = (n: number) => (cols[n] ?? '').trim();
    const documentIdentifier = at(FIELD.documentIdentifier);
    if (!documentIdentifier) {
      rejected.push({ line: i + 1, reason: `no DocumentIdentifier (${cols.length} columns)` });
      continue;
    }
    const toneField = at(FIELD.v2Tone);
    const tone = toneField ? parseV2Tone(toneField) : null;
    // V1 Themes is a plain list; fall back to V2Themes (theme,offset pairs) when it is empty.
    const themesV1 = at(FIELD.themes).split(';').filter(Boolean);
    const themes = themesV1.length > 0 ? themesV1 : [...new Set(at(FIELD.v2Themes).split(';').map((t) => t.split(',')[0] ?? '').filter(Boolean))];
    const recordId = at(FIELD.recordId);
    records.push({
      recordId,
      date: at(FIELD.date),
      sourceName: at(FIELD.sourceName),
      documentIdentifier,
      themes,
      locations: parseGkgLocations(at(FIELD.locations)),
      tone,
      translated: recordId.includes('T'),
    });
  }
  return { records, rejected };
}

/** Document URL → tone, for attaching GKG tone to events by their SOURCEURL. */
export function toneByDocument(records: GkgRecord[]): Map<string, GkgRecord> {
  const map = new Map<string, GkgRecord>();
  for (const r of records) if (r.tone) map.set(r.documentIdentifier, r);
  return map;
}

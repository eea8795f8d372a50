// Checks against the public GDELT files in /work/shared/data/gdelt (README there). They are
// registered only when that folder exists, since the project never ships a copy of them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMEO_ROOTS } from './describe-event.ts';
import { EVENT_COLUMNS, parseEventsExport } from './events-export.ts';
import { makeEventLine } from './fake/event-lines.ts';

const DATA_DIR = process.env.DIPLODESK_SHARED_DATA ?? join(import.meta.dirname, '../../../../shared/data');
const GDELT_DIR = join(DATA_DIR, 'gdelt');

// Always runs, so the file has a test where the shared data is absent (a fresh clone elsewhere).
it('names the 61 columns of the events export, GLOBALEVENTID first and SOURCEURL last', () => {
  expect(EVENT_COLUMNS).toHaveLength(61);
  expect(EVENT_COLUMNS[0]).toBe('GLOBALEVENTID');
  expect(EVENT_COLUMNS[60]).toBe('SOURCEURL');
});

/** RFC 4180 CSV (quoted fields, doubled quotes), enough for the sample files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

if (existsSync(GDELT_DIR)) {
  describe('GDELT public sample files', () => {
    it('the column order matches the GDELT 2.0 events schema (events2.csv)', () => {
      const rows = parseCsv(readFileSync(join(GDELT_DIR, 'events2.csv'), 'utf8')).slice(1);
      expect(rows.map((r) => r[0])).toEqual([...EVENT_COLUMNS]);
      // Every INTEGER or FLOAT column is validated: a non-number there rejects the line, naming it.
      const numeric = rows.filter((r) => r[1] === 'INTEGER' || r[1] === 'FLOAT').map((r) => r[0] as (typeof EVENT_COLUMNS)[number]);
      expect(numeric).toHaveLength(22);
      for (const name of numeric) {
        const { rejected } = parseEventsExport(makeEventLine({ [name]: 'x' }));
        expect(rejected[0]?.reason, name).toContain(name);
      }
    });

    it('accepts every CAMEO code of the codebook (cameoCodes.json) and knows every root', () => {
      const codebook = JSON.parse(readFileSync(join(GDELT_DIR, 'cameoCodes.json'), 'utf8')) as { Description: Record<string, string> };
      const codes = Object.keys(codebook.Description);
      const roots = codes.filter((c) => c.length === 2);
      expect(roots.sort()).toEqual(Object.keys(CAMEO_ROOTS).sort());
      for (const root of roots) expect(CAMEO_ROOTS[root]?.toLowerCase(), root).toBe(codebook.Description[root]?.trim().replace(/\s+/g, ' ').toLowerCase());
      const lines = codes
        .filter((c) => c.length > 2)
        .map((code, i) => makeEventLine({ GLOBALEVENTID: String(i + 1), EventCode: code, EventBaseCode: code.slice(0, 3), EventRootCode: code.slice(0, 2) }));
      const { events, rejected } = parseEventsExport(lines.join('\n'));
      console.info(`cameoCodes.json: ${codes.length} codes, ${roots.length} roots, ${events.length} event codes parsed, ${rejected.length} rejected`);
      expect(rejected).toEqual([]);
      expect(events.map((e) => e.eventCode)).toEqual(codes.filter((c) => c.length > 2));
    });

    it('parses export rows carrying real ids, dates, URLs and tones from mentionssamp.csv', () => {
      // There is no real Events export in the shared data; the Mentions sample has real values of
      // the same fields (event id, event time, first-seen time, source URL, document tone).
      const [header, ...rows] = parseCsv(readFileSync(join(GDELT_DIR, 'mentionssamp.csv'), 'utf8'));
      const col = (name: string) => header?.indexOf(name) ?? -1;
      const lines = rows.map((r) =>
        makeEventLine({
          GLOBALEVENTID: r[col('globaleventid')],
          SQLDATE: r[col('eventtimedate')]?.slice(0, 8),
          DATEADDED: r[col('mentiontimedate')],
          SOURCEURL: r[col('mentionidentifier')],
          AvgTone: r[col('mentiondoctone')],
        }),
      );
      const { events, rejected } = parseEventsExport(lines.join('\n'));
      console.info(`mentionssamp.csv: ${rows.length} rows → ${events.length} parsed, ${rejected.length} rejected`);
      expect(rows).toHaveLength(1635);
      expect(rejected).toEqual([]);
      expect(events[0]).toMatchObject({ globalEventId: '555924816', eventDate: '2016-07-01', dateAdded: '2017-07-01T23:45:00.000Z', avgTone: 0.83565459610028 });
      expect(new Set(events.map((e) => e.globalEventId)).size).toBe(1430);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { canonicalStatement, normaliseStatement, type StatementToSign } from './statement-canonical.ts';

const hashA = 'a'.repeat(64);
const hashB = 'B'.repeat(64);

const base: StatementToSign = {
  id: '0192f0c2-7a5e-7000-8000-000000000001',
  organisation: 'kemlu.go.id',
  language: 'id',
  title: 'Pernyataan Pers',
  body: 'Indonesia menyambut baik kesepakatan ini.',
  publishedAt: '2026-03-01T09:30:00+07:00',
  attachments: [],
};

describe('canonical statement', () => {
  it('is RFC 8785 JSON with sorted keys and the instant in UTC', () => {
    expect(canonicalStatement(base)).toBe(
      '{"attachments":[],"body":"Indonesia menyambut baik kesepakatan ini.","id":"0192f0c2-7a5e-7000-8000-000000000001","language":"id","organisation":"kemlu.go.id","publishedAt":"2026-03-01T02:30:00.000Z","title":"Pernyataan Pers"}',
    );
    const reordered = { publishedAt: new Date('2026-03-01T02:30:00Z'), body: base.body, title: base.title, attachments: [], language: 'id', organisation: base.organisation, id: base.id };
    expect(canonicalStatement(reordered)).toBe(canonicalStatement(base));
  });

  it('brings text to NFC, so an NFD "é" gives the same payload as an NFC one', () => {
    const nfc = { ...base, title: 'Communiqué', body: 'Le ministère a été informé.' };
    const nfd = { ...nfc, title: nfc.title.normalize('NFD'), body: nfc.body.normalize('NFD') };
    expect(nfd.body).not.toBe(nfc.body);
    expect(canonicalStatement(nfd)).toBe(canonicalStatement(nfc));
    expect(canonicalStatement(nfd)).toContain('Communiqu\u00e9');
  });

  it('brings CRLF line breaks (as HTML forms submit them) to LF', () => {
    expect(canonicalStatement({ ...base, body: 'one\r\ntwo\rthree' })).toBe(canonicalStatement({ ...base, body: 'one\ntwo\nthree' }));
  });

  it('orders attachments by hash then name, whatever order they come in, and lower-cases the hex', () => {
    const one = { name: 'lampiran.pdf', sha256: hashB };
    const two = { name: 'foto.jpg', sha256: hashA };
    const three = { name: 'annex.pdf', sha256: hashA };
    const a = normaliseStatement({ ...base, attachments: [one, two, three] });
    expect(a.attachments).toEqual([three, two, { name: 'lampiran.pdf', sha256: 'b'.repeat(64) }]);
    expect(canonicalStatement({ ...base, attachments: [three, one, two] })).toBe(canonicalStatement({ ...base, attachments: [one, two, three] }));
  });

  it('canonicalises the language tag and rejects a malformed one', () => {
    expect(normaliseStatement({ ...base, language: 'EN-gb' }).language).toBe('en-GB');
    expect(() => normaliseStatement({ ...base, language: 'not a tag' })).toThrow(/BCP 47/);
    expect(() => normaliseStatement({ ...base, language: '' })).toThrow();
  });

  it('rejects an empty body, a bad hash and a date without zone', () => {
    expect(() => normaliseStatement({ ...base, body: ' \n ' })).toThrow(/body must not be empty/);
    expect(() => normaliseStatement({ ...base, attachments: [{ name: 'x.pdf', sha256: 'abc' }] })).toThrow(/64 hex/);
    expect(() => normaliseStatement({ ...base, publishedAt: '2026-03-01 09:30' })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { fromMicros, toMicros } from '../stix/timestamps.ts';
import { checkStixObject, objectsOfBundle } from '../stix/validate-object.ts';
import { acceptsTaxii, isTaxiiContent } from './taxii-http.ts';
import { nextToken, parseTaxiiQuery } from './taxii-query.ts';

describe('TAXII content negotiation', () => {
  it('accepts TAXII 2.1, TAXII without a version, wildcards and no header; refuses the rest', () => {
    for (const ok of [undefined, '', 'application/taxii+json;version=2.1', 'application/taxii+json', 'application/taxii+json; version="2.1"', '*/*', 'text/html, application/*;q=0.5']) expect(acceptsTaxii(ok), String(ok)).toBe(true);
    for (const no of ['application/json', 'application/taxii+json;version=2.0', 'application/taxii+json;version=2.1;q=0', 'text/html']) expect(acceptsTaxii(no), no).toBe(false);
  });

  it('takes only TAXII 2.1 bodies', () => {
    expect(isTaxiiContent('application/taxii+json;version=2.1')).toBe(true);
    expect(isTaxiiContent('application/TAXII+json')).toBe(true);
    for (const no of [undefined, 'application/json', 'application/stix+json;version=2.1', 'application/taxii+json;version=2.0']) expect(isTaxiiContent(no), String(no)).toBe(false);
  });
});

describe('timestamps', () => {
  it('keeps microseconds, reads any fraction and refuses what is not a UTC timestamp', () => {
    expect(toMicros('2026-11-01T10:00:00Z')).toBe(Date.parse('2026-11-01T10:00:00Z') * 1000);
    expect(toMicros('2026-11-01T10:00:00.000001Z')).toBe(Date.parse('2026-11-01T10:00:00Z') * 1000 + 1);
    expect(toMicros('2026-11-01T10:00:00.1234567Z')).toBe(Date.parse('2026-11-01T10:00:00Z') * 1000 + 123456);
    for (const bad of ['2026-02-30T00:00:00Z', '2026-11-01T10:00:00+07:00', 'yesterday', 42]) expect(toMicros(bad), String(bad)).toBeNull();
    const us = Date.parse('2026-11-01T10:00:00.123Z') * 1000 + 456;
    expect(fromMicros(us)).toBe('2026-11-01T10:00:00.123456Z');
    expect(toMicros(fromMicros(us))).toBe(us);
  });
});

describe('TAXII filters', () => {
  it('reads repeated and comma-separated filters, defaults to the last version and caps the page', () => {
    const q = parseTaxiiQuery({ 'match[type]': ['indicator,report', 'campaign'], 'match[version]': 'first,2026-11-01T10:00:00Z', limit: '5000', next: nextToken(17) }, { type: true, version: true });
    expect(q.types).toEqual(['indicator', 'report', 'campaign']);
    expect(q.versions).toEqual([{ kind: 'first' }, { kind: 'at', us: Date.parse('2026-11-01T10:00:00Z') * 1000 }]);
    expect(q.limit).toBe(1000);
    expect(q.afterUs).toBe(17);
    expect(parseTaxiiQuery({}, { version: true }).versions).toEqual([{ kind: 'last' }]);
    expect(parseTaxiiQuery({ 'match[id]': 'x' }, {}).ids).toBeNull();
    for (const bad of [{ limit: '0' }, { limit: 'ten' }, { added_after: 'soon' }, { next: 'forged' }, { 'match[version]': 'newest' }]) expect(() => parseTaxiiQuery(bad, { version: true }), JSON.stringify(bad)).toThrow();
  });
});

describe('checking STIX objects', () => {
  const base = { type: 'campaign', spec_version: '2.1', id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-11-01T10:00:00.000Z', modified: '2026-11-02T10:00:00.000Z', name: 'Rumours' };

  it('versions an object by modified, else created; a cyber-observable has no version of its own', () => {
    const ok = checkStixObject(base, 0);
    expect(ok.ok && ok.value.version).toBe('2026-11-02T10:00:00.000Z');
    const sco = checkStixObject({ type: 'url', id: 'url--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', value: 'https://x.example/' }, 0);
    expect(sco.ok && sco.value.versionUs).toBeNull();
  });

  it('says why an object cannot be stored', () => {
    const cases: [unknown, string][] = [
      ['text', 'Not a JSON object'],
      [{ ...base, id: 'campaign--1' }, 'UUID'],
      [{ ...base, spec_version: '2.0' }, '2.1'],
      [{ ...base, modified: '2026-10-01T00:00:00Z' }, 'earlier'],
      [{ ...base, created: undefined }, '"created"'],
      [{ ...base, name: undefined }, '"name"'],
      [{ ...base, created_by_ref: 7 }, 'identifier'],
      [{ ...base, name: '\ud800' }, 'Unicode'],
      [{ type: 'bundle', id: 'bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }, 'bundle'],
    ];
    for (const [value, reason] of cases) {
      const checked = checkStixObject(value, 3);
      expect(checked.ok, JSON.stringify(value)).toBe(false);
      if (!checked.ok) expect(checked.message).toContain(reason);
    }
    const named = checkStixObject({ ...base, id: 'campaign--\ud800' }, 3);
    expect(!named.ok && named.id).toBe('objects[3]');
  });

  it('reads a bundle, or one object sent alone', () => {
    expect(objectsOfBundle({ type: 'bundle', id: 'bundle--1', objects: [base] })).toEqual({ bundleId: 'bundle--1', objects: [base] });
    expect(objectsOfBundle(base)).toEqual({ bundleId: null, objects: [base] });
    expect(objectsOfBundle({ type: 'bundle' })).toHaveProperty('error');
    expect(objectsOfBundle([base])).toHaveProperty('error');
  });
});

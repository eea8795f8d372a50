import { describe, expect, it } from 'vitest';
import { assertSubjectTail, assertToken, decodeEvent, encodeEvent, redeliveryDelayMs } from './nats-stream.ts';

describe('nats stream helpers', () => {
  it('doubles the redelivery delay up to five minutes', () => {
    expect([1, 2, 3].map(redeliveryDelayMs)).toEqual([1000, 2000, 4000]);
    expect(redeliveryDelayMs(50)).toBe(300_000);
  });

  it('round-trips events and rejects garbage', () => {
    const event = { id: 'e1', seq: 1, type: 'a.b', unitId: null, data: { x: 1 }, at: '2025-01-01T00:00:00.000Z' };
    expect(decodeEvent(new TextEncoder().encode(encodeEvent(event)))).toEqual(event);
    expect(decodeEvent(new TextEncoder().encode('not json'))).toBeNull();
    expect(decodeEvent(new TextEncoder().encode('{"id":1}'))).toBeNull();
  });

  it('refuses names that would break subjects', () => {
    expect(() => assertToken('insights_v2', 'group')).not.toThrow();
    expect(() => assertToken('a.b', 'group')).toThrow();
    expect(() => assertToken('a>', 'group')).toThrow();
    expect(() => assertSubjectTail('statement.signed', 'type')).not.toThrow();
    expect(() => assertSubjectTail('statement.*', 'type')).toThrow();
    expect(() => assertSubjectTail('statement..signed', 'type')).toThrow();
  });
});

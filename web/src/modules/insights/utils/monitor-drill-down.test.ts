import { describe, expect, it } from 'vitest';
import { alertName, monitorName, monitorSearchHref } from './monitor-drill-down.ts';

const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('monitorSearchHref', () => {
  it('opens the monitor topics in the chosen country over the period', () => {
    const href = monitorSearchHref({ topicIds: ['maritime-security', 'terrorism-extremism'], countries: ['ID', 'MY'] }, { country: 'MY', ...period });
    const url = new URL(href, 'http://x.invalid');
    expect(url.pathname).toBe('/listening');
    expect(url.searchParams.get('topics')).toBe('maritime-security,terrorism-extremism');
    expect(url.searchParams.get('countries')).toBe('MY');
    expect(url.searchParams.get('from')).toBe(period.from);
    expect(url.searchParams.get('to')).toBe(period.to);
  });

  it('falls back to the monitor regions, and to the whole world without any', () => {
    expect(new URL(monitorSearchHref({ topicIds: [], countries: ['ID', 'MY'] }, period), 'http://x.invalid').searchParams.get('countries')).toBe('ID,MY');
    const world = new URL(monitorSearchHref({ topicIds: ['health'], countries: [] }, period), 'http://x.invalid').searchParams;
    expect(world.has('countries')).toBe(false);
    expect(world.get('topics')).toBe('health');
  });
});

describe('monitorName', () => {
  it('uses the seeded name of the language, else the given name', () => {
    expect(monitorName({ name: 'Health', labels: { en: 'Health', id: 'Kesehatan' } }, 'id')).toBe('Kesehatan');
    expect(monitorName({ name: 'Outbreaks', labels: null }, 'id')).toBe('Outbreaks');
  });
});

describe('alertName', () => {
  it('names a seeded monitor’s alert in the reader’s language, a renamed one or a rule’s as named', () => {
    expect(alertName({ ruleName: 'Terrorism & violent extremism', ruleLabels: { en: 'Terrorism & violent extremism', id: 'Terorisme & ekstremisme kekerasan' } }, 'id')).toBe('Terorisme & ekstremisme kekerasan');
    expect(alertName({ ruleName: 'Fisheries surge', ruleLabels: null }, 'id')).toBe('Fisheries surge');
  });
});

import { describe, expect, it } from 'vitest';
import { sampleBundleInput } from '../tests/sample-records.ts';
import { buildBundle } from './build-bundle.ts';
import { patternOf } from './patterns.ts';
import { scoIdFor, uuidv5 } from './stix-ids.ts';

const byType = (bundle: ReturnType<typeof buildBundle>, type: string) => bundle.objects.filter((o) => o.type === type);

describe('STIX ids', () => {
  it('computes RFC 9562 version-5 UUIDs (the RFC’s DNS example)', () => {
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('names a cyber-observable as every producer does (STIX 2.1 §2.9 namespace over canonical JSON)', () => {
    expect(scoIdFor('url', { value: 'https://example.com/' })).toMatch(/^url--[0-9a-f-]{36}$/);
    expect(scoIdFor('user-account', { account_type: 'twitter', account_login: 'a' })).toBe(scoIdFor('user-account', { account_login: 'a', account_type: 'twitter' }));
  });
});

describe('STIX patterns', () => {
  it('escapes quotes and backslashes in literals', () => {
    expect(patternOf({ kind: 'url', value: "https://x.example/a'b\\c" })).toBe("[url:value = 'https://x.example/a\\'b\\\\c']");
    expect(patternOf({ kind: 'account', platform: 'X', handle: '@Kemlu_RI' })).toBe("[user-account:account_login = 'kemlu_ri' AND user-account:account_type = 'twitter']");
    expect(patternOf({ kind: 'domain', value: 'Rumours.EXAMPLE ' })).toBe("[domain-name:value = 'rumours.example']");
  });
});

describe('buildBundle', () => {
  it('produces every object kind the sharing needs, marked TLP and created by the ministry', () => {
    const bundle = buildBundle(sampleBundleInput());
    for (const type of ['report', 'campaign', 'threat-actor', 'indicator', 'observed-data', 'identity', 'relationship', 'attack-pattern', 'url', 'user-account', 'marking-definition']) {
      expect(byType(bundle, type).length, type).toBeGreaterThan(0);
    }
    const [producer] = byType(bundle, 'identity');
    for (const o of bundle.objects) {
      expect(o.spec_version).toBe('2.1');
      if (o.type === 'marking-definition') continue;
      expect(o.object_marking_refs).toEqual(['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da']);
      if ('created' in o && o.type !== 'identity') expect(o.created_by_ref).toBe(producer?.id);
    }
  });

  it('references only objects that are in the bundle', () => {
    const bundle = buildBundle(sampleBundleInput());
    const ids = new Set(bundle.objects.map((o) => o.id));
    for (const o of bundle.objects) {
      for (const ref of [...((o.object_refs as string[] | undefined) ?? []), ...(o.source_ref ? [o.source_ref as string] : []), ...(o.target_ref ? [o.target_ref as string] : [])]) {
        expect(ids.has(ref), `${o.id} → ${ref}`).toBe(true);
      }
    }
  });

  it('references DISARM techniques by their framework ids', () => {
    const bundle = buildBundle(sampleBundleInput());
    const ids = byType(bundle, 'attack-pattern').map((a) => (a.external_references as { source_name: string; external_id: string }[])[0]);
    expect(ids.every((r) => r?.source_name === 'DISARM')).toBe(true);
    expect(ids.map((r) => r?.external_id).sort()).toEqual(['T0049', 'T0089.003', 'T0097.206', 'T0118', 'T0143.003']);
  });

  it('is deterministic: a re-export has the same ids, and a changed record is a new version of the same object', () => {
    const first = buildBundle(sampleBundleInput());
    const again = buildBundle(sampleBundleInput());
    expect(again).toEqual(first);
    const input = sampleBundleInput();
    const finding = input.findings?.[0];
    if (!finding) throw new Error('sample has findings');
    finding.updatedAt = new Date('2026-11-05T00:00:00.000Z');
    const changed = buildBundle(input);
    expect(changed.objects.map((o) => o.id)).toEqual(first.objects.map((o) => o.id));
    const report = (b: typeof first) => b.objects.find((o) => o.type === 'report' && o.name === 'Visa-office rumour repeated');
    expect(report(changed)?.modified).toBe('2026-11-05T00:00:00.000Z');
    expect(report(first)?.modified).toBe('2026-11-01T12:00:00.000Z');
    expect(changed.id).not.toBe(first.id);
  });

  it('keeps one object for an account or link met in several records, spanning their times', () => {
    const bundle = buildBundle(sampleBundleInput());
    const link = byType(bundle, 'indicator').filter((o) => o.pattern === "[url:value = 'https://rumours.example/visa-closed']");
    expect(link).toHaveLength(1);
    expect(link[0]?.created).toBe('2026-11-01T11:00:00.000Z');
    expect(link[0]?.valid_from).toBe(link[0]?.created);
    expect(byType(bundle, 'user-account').filter((o) => o.account_login === 'amplifier-one.bsky.social')).toHaveLength(1);
  });
});

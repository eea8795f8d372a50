import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { probeJob } from './probe.job.ts';
import { createJobRegistry } from './registry.ts';
import { defineJob } from './types.ts';

const otherJob = defineJob({ name: 'test.other@1', payload: z.object({ n: z.number() }), handler: async () => undefined });

describe('createJobRegistry', () => {
  it('finds registered definitions by name', () => {
    const registry = createJobRegistry([probeJob, otherJob]);
    expect(registry.get('platform.probe@1')).toBe(probeJob);
    expect(registry.has('test.other@1')).toBe(true);
    expect(registry.names()).toEqual(['platform.probe@1', 'test.other@1']);
  });

  it('rejects unknown names', () => {
    const registry = createJobRegistry([probeJob]);
    expect(registry.has('test.other@1')).toBe(false);
    expect(() => registry.get('test.other@1')).toThrow(/unknown job "test.other@1"/);
  });

  it('rejects a name registered twice', () => {
    expect(() => createJobRegistry([probeJob, probeJob])).toThrow(/registered twice/);
  });
});

describe('probeJob payload', () => {
  it('defaults sleepMs and bounds its fields', () => {
    expect(probeJob.payload.parse({ label: 'x' })).toEqual({ label: 'x', sleepMs: 0 });
    expect(probeJob.payload.safeParse({ label: 'x', sleepMs: 60_001 }).success).toBe(false);
    expect(probeJob.payload.safeParse({ label: 'x'.repeat(201) }).success).toBe(false);
  });
});

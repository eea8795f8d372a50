import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrationTiers } from '../../../scripts/test-tiers.mjs';
import { repoRoot } from './cli-process.ts';

// A new integration file must choose whether it also runs on PostgreSQL + NATS (docs/testing.md).
describe('test tiers', () => {
  const files = fs
    .globSync('server/src/**/*.int.test.ts', { cwd: repoRoot })
    .map((f) => f.split(path.sep).join('/'))
    .sort();

  it('lists every integration file with a reason, and nothing else', () => {
    expect(Object.keys(integrationTiers).sort()).toEqual(files);
    for (const [file, tier] of Object.entries(integrationTiers)) expect(tier.why.length, file).toBeGreaterThan(10);
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors.ts';

describe('error catalogue', () => {
  it('is documented, code by code, in docs/api-errors.md', () => {
    const doc = fs.readFileSync(new URL('../../../docs/api-errors.md', import.meta.url), 'utf8');
    for (const [code, e] of Object.entries(errorCatalogue)) {
      expect(doc, `docs/api-errors.md lacks ${code}; run npx tsx scripts/gen-api-errors.ts`).toContain(`| \`${code}\` | ${e.status} | ${e.message} |`);
    }
  });
  it('uses client statuses for client faults', () => {
    for (const [code, e] of Object.entries(errorCatalogue)) {
      // A virus scanner that is down is the server's fault, not the client's (ASVS 5.4.3, fail closed).
      if (code !== 'internal' && code !== 'service.unavailable' && code !== 'upload.scan-unavailable') expect(e.status, code).toBeLessThan(500);
    }
  });
});

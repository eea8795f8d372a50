import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('npm run sbom', () => {
  it('writes a CycloneDX document of the runtime dependencies only, offline', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-sbom-')), 'sbom.cdx.json');
    execFileSync('npm', ['run', '--silent', 'sbom', '--', out], { cwd: root, stdio: 'pipe', env: { ...process.env, npm_config_offline: 'true' } });
    const bom = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(bom.bomFormat).toBe('CycloneDX');
    const components = bom.components as { name: string; version: string; purl: string }[];
    const fastify = components.find((c) => c.name === 'fastify');
    expect(fastify?.purl).toBe(`pkg:npm/fastify@${fastify?.version}`);
    // Test and build tools are not shipped, so they are not listed.
    for (const dev of ['vitest', '@biomejs/biome', 'drizzle-kit']) expect(components.some((c) => c.name === dev), dev).toBe(false);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

// The OpenAPI document as an installation serves it, linted by Redocly CLI with its recommended
// rules (redocly.yaml at the repository root): it must stay at 0 errors and 0 warnings.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const exported = path.join(root, '.tmp/openapi-lint/openapi.json');

type Operation = { operationId?: string; security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }> }> };
type Document = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

let t: TestApp;
let doc: Document;
const operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  t = await createTestApp({ apiDocsPublic: true, publicUrl: 'https://desk.ministry.test' });
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
  for (const [p, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) operations.push({ method: method.toUpperCase(), path: p, op });
  fs.mkdirSync(path.dirname(exported), { recursive: true });
  fs.writeFileSync(exported, res.body);
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no error and no warning", () => {
    const cli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', path.relative(root, exported), '--config', 'redocly.yaml', '--format', 'json', '--max-problems', '1000'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number; ignored: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    const problems = report.problems.filter((p) => (p as { ignored?: boolean }).ignored !== true).map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0, ignored: 0 });
    expect(run.status).toBe(0);
  });

  it('needs no ignore file: every operation answers at least 429 auth.rate-limited', () => {
    // Redocly would apply one silently; the rules must pass on the document as it is.
    expect(fs.existsSync(path.join(root, '.redocly.lint-ignore.yaml'))).toBe(false);
    for (const { method, path: p, op } of operations) {
      const tooMany = op.responses['429']?.content?.['application/json']?.examples ?? {};
      expect(Object.keys(tooMany), `${method} ${p}`).toContain('auth.rate-limited');
    }
  });

  it('gives every operation a unique operationId and public routes no security requirement', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const rules = new Map(t.app.routeAuthTable.map((r) => [`${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, r.rule]));
    for (const { method, path: p, op } of operations) {
      const rule = rules.get(`${method} ${p}`);
      expect(rule, `${method} ${p}`).toBeDefined();
      if (rule?.access === 'public') expect(op.security, `${method} ${p}`).toEqual([]);
      else {
        expect(op.responses['401'], `${method} ${p} answers 401 to an anonymous caller`).toBeDefined();
        const session = op.security?.find((s) => 'session' in s);
        // A session's unsafe request carries the CSRF header (the second-factor step has no token yet).
        if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && rule?.access !== 'mfa-pending') expect(session, `${method} ${p}`).toEqual({ session: [], csrf: [] });
        if (rule?.access === 'permission') expect(op.security?.find((s) => 'token' in s) ?? null, `${method} ${p}`).toSatisfy((s) => s === null || (s as { token: string[] }).token[0] === rule.permission);
      }
    }
    expect(doc.servers).toEqual([{ url: 'https://desk.ministry.test', description: expect.any(String) }]);
    expect(doc.components.securitySchemes).toHaveProperty('csrf', expect.objectContaining({ in: 'header', name: 'x-csrf-token' }));
  });

  it('documents a body or its absence for every success, and the error shape with its codes for every failure', () => {
    for (const { method, path: p, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === '204' || status.startsWith('3')) expect(response.content, `${method} ${p} ${status}`).toBeUndefined();
        else if (status.startsWith('2')) expect(Object.values(response.content ?? {})[0]?.schema, `${method} ${p} ${status}`).toBeDefined();
        else {
          const json = response.content?.['application/json'];
          expect(json?.schema, `${method} ${p} ${status}`).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
          if (status !== 'default') expect(Object.keys(json?.examples ?? {}).length, `${method} ${p} ${status}`).toBeGreaterThan(0);
        }
      }
    }
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ required: ['error'] });
  });
});

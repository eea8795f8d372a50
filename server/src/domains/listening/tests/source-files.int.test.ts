// A source's settings come from whoever may manage sources (an analyst), not from the operator: no
// setting may make the server read a file of its choosing. The file connectors (`import`, GDELT in
// file mode) read from disk; the analyst must not point them at the server's own files and read
// them back through "Test" (a preview of the first items) or the stored items.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let analyst: Client;
let unitId = '';
let dir = '';
let secretCsv = '';
let secretGdelt = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diplodesk-server-files-'));
  // Stand-ins for the server's own files (a key file, /etc/passwd …).
  secretCsv = join(dir, 'secrets.csv');
  await writeFile(secretCsv, 'text\nTOP-SECRET-LINE-1\nTOP-SECRET-LINE-2\n');
  secretGdelt = join(dir, '20250301100000.export.CSV');
  await writeFile(secretGdelt, `${['1', '20250301', '202503', '2025', '2025.1644'].join('\t')}\tTOP-SECRET-GDELT\n`);
  t = await createTestApp();
  const admin = await signInAs(t.app, adminEmail, adminPassword);
  const a = await buildUser(t.ctx, { role: 'analyst' });
  analyst = await signInAs(t.app, a.email, testPassword);
  unitId = ((await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)?.id ?? '';
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Creates the source and tests it; whatever the server answers must not contain the file. */
async function tryToRead(body: Record<string, unknown>): Promise<{ created: number; answers: string }> {
  const res = await analyst.post('/api/v1/listening/sources', { unitId, name: 'Files', intervalSeconds: 3600, tags: [], ...body });
  let answers = res.body;
  if (res.statusCode === 201) {
    const id = res.json().id as string;
    answers += (await analyst.post(`/api/v1/listening/sources/${id}/test`, {})).body;
    answers += (await analyst.get(`/api/v1/listening/sources/${id}`)).body;
  }
  return { created: res.statusCode, answers };
}

describe('a source that names a file on the server', () => {
  it('an import source cannot name a path, in its settings or among its credentials', async () => {
    const viaConfig = await tryToRead({ connector: 'import', config: { path: secretCsv, mapping: JSON.stringify({ text: 'text' }) } });
    expect(viaConfig.answers).not.toContain('TOP-SECRET');
    expect(viaConfig.created).toBe(400);
    const viaCredentials = await tryToRead({ connector: 'import', config: { mapping: JSON.stringify({ text: 'text' }) }, credentials: { path: secretCsv } });
    expect(viaCredentials.answers).not.toContain('TOP-SECRET');
    expect(viaCredentials.created).toBe(400);
  });

  it('an import source cannot be changed to name a path', async () => {
    const created = await analyst.post('/api/v1/listening/sources', { unitId, connector: 'import', name: 'Later', intervalSeconds: 3600, tags: [], config: {} });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const changed = await analyst.patch(`/api/v1/listening/sources/${id}`, { config: { path: secretCsv, mapping: JSON.stringify({ text: 'text' }) } });
    expect(changed.statusCode).toBe(400);
    expect((await analyst.post(`/api/v1/listening/sources/${id}/test`, {})).body).not.toContain('TOP-SECRET');
  });

  it('a GDELT source in file mode reads nothing while the operator has set no GDELT_IMPORT_DIR', async () => {
    const tried = await tryToRead({ connector: 'gdelt', config: { mode: 'file', path: secretGdelt } });
    expect(tried.answers).not.toContain('TOP-SECRET');
    expect(tried.answers).toContain('GDELT_IMPORT_DIR');
  });
});

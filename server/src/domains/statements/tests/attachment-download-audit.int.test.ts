import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { pngFile } from './attachment-files.ts';

// Hole 9: who downloaded which attachment of an unpublished statement was not recorded.
let t: TestApp;
let editor: Client;
let editorId: string;

beforeAll(async () => {
  t = await createTestApp();
  const user = await buildUser(t.ctx, { role: 'editor' });
  editorId = user.id;
  editor = await signInAs(t.app, user.email, testPassword);
});
afterAll(() => t?.close());

describe('attachment downloads are audited', () => {
  it('records the reader, the statement and the file', async () => {
    const root = ((await editor.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)!;
    const s = (
      await editor.post('/api/v1/statements', { unitId: root.id, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'UTC', texts: [{ language: 'en', title: 'On the summit', body: 'The Ministry welcomes the summit.' }] })
    ).json();
    const png = pngFile();
    const up = await editor.request({ method: 'POST', url: `/api/v1/statements/${s.id}/attachments`, headers: { 'content-type': 'image/png', 'x-file-name': 'summit.png' }, payload: png });
    expect(up.statusCode, up.body).toBe(201);
    const download = await editor.get(`/api/v1/statements/${s.id}/attachments/${up.json().id}`);
    expect(download.rawPayload.equals(png)).toBe(true);
    const entries = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'statement.attachment-downloaded'), eq(auditLog.targetId, s.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: editorId, targetType: 'statement', unitId: root.id, summary: { attachmentId: up.json().id, fileName: 'summit.png', sha256: up.json().sha256 } });
  });
});

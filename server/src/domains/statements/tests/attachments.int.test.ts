import net from 'node:net';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { removeUnusedUploads } from '../index.ts';
import { ftypThenZeros, gifFile, jpegFile, mp4File, pdfFile, pngFile } from './attachment-files.ts';

let t: TestApp;
let editor: Client;
let admin: Client;

async function createDraft(c: Client = editor) {
  const units = (await c.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
  const res = await c.post('/api/v1/statements', {
    unitId: units.find((u) => u.parentId === null)?.id,
    kind: 'statement',
    primaryLanguage: 'en',
    audienceTimeZone: 'Asia/Jakarta',
    texts: [{ language: 'en', title: 'Statement with attachments', body: 'Indonesia welcomes the agreement.' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

function upload(statementId: string, type: string, name: string, payload: Buffer | Readable, c: Client = editor) {
  return c.request({ method: 'POST', url: `/api/v1/statements/${statementId}/attachments`, headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) }, payload });
}

beforeAll(async () => {
  t = await createTestApp();
  const e = await buildUser(t.ctx, { role: 'editor' });
  editor = await signInAs(t.app, e.email, testPassword);
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t?.close());

describe('statement attachments: content checks', () => {
  it('accepts well-formed files of every type', async () => {
    const s = await createDraft();
    for (const [type, name, file] of [
      ['image/png', 'logo.png', pngFile()],
      ['image/gif', 'anim.gif', gifFile()],
      ['image/jpeg', 'photo.jpg', jpegFile()],
      ['application/pdf', 'speech.pdf', pdfFile()],
      ['video/mp4', 'clip.mp4', mp4File()],
    ] as const) {
      const res = await upload(s.id, type, name, file);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
    }
  });

  it('refuses a 150 MB file of zeros behind an ftyp header', async () => {
    const s = await createDraft();
    const res = await upload(s.id, 'video/mp4', 'zeros.mp4', Readable.from(ftypThenZeros(150 * 1024 * 1024)));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('statement.attachment-invalid');
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from statement_attachments where statement_id = ${s.id}`);
    expect(Number(left?.n)).toBe(0);
  });

  it('refuses polyglots and active content whatever the name or declared type', async () => {
    const s = await createDraft();
    const html = Buffer.from('<html><script>alert(document.domain)</script></html>');
    const cases: [string, string, Buffer][] = [
      // A PDF that is also an HTML page, saved as .html.
      ['application/pdf', 'report.html', Buffer.concat([pdfFile(), html])],
      ['application/pdf', 'report.html', pdfFile()],
      // A GIF with script appended after its trailer.
      ['image/gif', 'funny.gif', Buffer.concat([gifFile(), Buffer.from('\n=1;alert(document.cookie)//')])],
      // A PNG with HTML after IEND, and a JPEG with HTML after its end marker.
      ['image/png', 'logo.png', Buffer.concat([pngFile(), html])],
      ['image/jpeg', 'photo.jpg', Buffer.concat([jpegFile(), html])],
      // HTML markup right behind a PDF header.
      ['application/pdf', 'speech.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), html, Buffer.from('\n%%EOF\n')])],
      // A PNG named as a program.
      ['image/png', 'setup.exe', pngFile()],
      // SVG and an executable claiming to be images.
      ['image/png', 'logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['video/mp4', 'clip.mp4', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
    ];
    for (const [type, name, file] of cases) {
      const res = await upload(s.id, type, name, file);
      expect(res.statusCode, `${type} ${name}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('statement.attachment-invalid');
    }
    for (const type of ['text/html', 'image/svg+xml', 'application/xml', 'text/javascript', 'application/x-msdownload']) {
      const res = await upload(s.id, type, 'x', Buffer.from('<html></html>'));
      expect(res.statusCode, type).toBe(415);
    }
  });

  it('keeps a file name without bidi controls, audits the upload, and serves it as a download that is never sniffed', async () => {
    const s = await createDraft();
    const res = await upload(s.id, 'application/pdf', 'brief\u202Efdp.exe\u202C.pdf', pdfFile());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fileName).toBe('brieffdp.exe.pdf');
    const download = await editor.get(`/api/v1/statements/${s.id}/attachments/${res.json().id}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''brieffdp.exe.pdf");
    const audit = (await admin.get(`/api/v1/audit?targetId=${s.id}`)).json().items as { action: string; summary: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'statement.attachment-uploaded')?.summary).toMatchObject({ attachmentId: res.json().id, fileName: 'brieffdp.exe.pdf', mimeType: 'application/pdf', byteSize: pdfFile().length });
  });
});

describe('statement attachments: size', () => {
  it('answers 413 from Content-Length at once, naming the limit, without waiting for the body', async () => {
    const s = await createDraft();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer before the body was sent; got ${JSON.stringify(text)}`));
      }, 5000);
      socket.on('data', (d) => {
        text += d.toString('latin1');
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          clearTimeout(timer);
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      // Headers only: 200 MB announced, not one byte of it sent.
      socket.write(
        [`POST /api/v1/statements/${s.id}/attachments HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Content-Type: image/png', `Content-Length: ${200 * 1024 * 1024}`, `Cookie: ${editor.cookie}`, `X-CSRF-Token: ${editor.csrf}`, 'X-File-Name: big.png', '', ''].join('\r\n'),
      );
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''));
    expect(body.error).toMatchObject({ code: 'request.too-large', details: { maxBytes: 15 * 1024 * 1024, mimeType: 'image/png' } });
    expect(body.error.message).toContain('15 MB');
  });
});

describe('statement attachments: unused uploads', () => {
  it('removes uploads never used in a version after a day, keeps the rest, and audits the count', async () => {
    const s = await createDraft();
    const used = (await upload(s.id, 'image/png', 'used.png', pngFile())).json();
    const unused = (await upload(s.id, 'image/png', 'unused.png', pngFile())).json();
    const fresh = (await upload(s.id, 'image/png', 'fresh.png', pngFile())).json();
    expect((await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, attachmentIds: [used.id] })).statusCode).toBe(200);
    await t.database.db.execute(sql`update statement_attachments set created_at = now() - interval '25 hours' where id in (${used.id}, ${unused.id})`);
    const [unusedRow] = await queryRows<{ storage_key: string }>(t.database.db, sql`select storage_key from statement_attachments where id = ${unused.id}`);

    const removed = await t.ctx.db.transaction((tx) => removeUnusedUploads(tx, t.ctx, new Date()));
    expect(removed.count).toBeGreaterThanOrEqual(1);
    const left = await queryRows<{ id: string }>(t.database.db, sql`select id from statement_attachments where statement_id = ${s.id}`);
    expect(left.map((r) => r.id).sort()).toEqual([used.id, fresh.id].sort());
    await expect(t.ctx.storage.read(unusedRow?.storage_key ?? '')).rejects.toThrow();
    const audit = (await admin.get('/api/v1/audit?action=statement.unused-uploads-removed')).json().items as { summary: { count: number } }[];
    expect(audit[0]?.summary.count).toBe(removed.count);
  });

  it('is a registered job that runs again every hour', async () => {
    const [queued] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where name = 'statements.remove-unused-uploads@1' and status = 'queued'`);
    expect(Number(queued?.n)).toBe(1);
  });
});

describe('statement attachments: quota per unit', () => {
  let small: TestApp;
  let writer: Client;

  beforeAll(async () => {
    small = await createTestApp({ storageQuotaMbPerUnit: 1 });
    const e = await buildUser(small.ctx, { role: 'editor' });
    writer = await signInAs(small.app, e.email, testPassword);
  });
  afterAll(() => small?.close());

  it('refuses an upload past the unit’s quota, saying the limit and the usage', async () => {
    const s = await createDraft(writer);
    expect((await upload(s.id, 'image/png', 'a.png', pngFile(600 * 1024), writer)).statusCode).toBe(201);
    const over = await upload(s.id, 'image/png', 'b.png', pngFile(600 * 1024), writer);
    expect(over.statusCode, over.body).toBe(413);
    expect(over.json().error).toMatchObject({ code: 'statement.attachment-quota', details: { quotaBytes: 1024 * 1024, usedBytes: pngFile(600 * 1024).length } });
    expect(over.json().error.message).toMatch(/1 MB/);
    const [count] = await queryRows<{ n: number }>(small.database.db, sql`select count(*)::int as n from statement_attachments where statement_id = ${s.id}`);
    expect(Number(count?.n)).toBe(1);
  });
});

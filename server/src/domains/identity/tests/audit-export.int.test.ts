import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { advanceMinutes } from '../../../test/clock.ts';
import { tokenHeaders } from '../../../test/tokens.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// An auditor takes the record away as CSV or JSON Lines: after a fresh second factor, never with a
// token, only the entries of the units she may read, spreadsheet-safe, and the export is audited.
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp({ stepUpWindowSeconds: 60 });
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t?.close());

describe('audit export', () => {
  it('exports every matching entry as CSV (spreadsheet-safe) and JSON Lines, and records the export', async () => {
    const units = (await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
    const created = await admin.post('/api/v1/units', { parentId: units.find((u) => u.parentId === null)?.id, kind: 'mission', name: '=HYPERLINK("http://evil.example")', code: 'EMB-EVL', timeZone: 'Asia/Jakarta' });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json() as { id: string };
    const csv = await admin.get('/api/v1/audit/export?format=csv&action=unit.');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="diplodesk-audit-.+\.csv"$/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,actorId,tokenId,action,targetType,targetId,target,unitId,summary,requestId,hash');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => /^\d+,/.test(line) && line.includes('unit.'))).toBe(true);
    // A formula in a name is written so that a spreadsheet shows it as text.
    expect(csv.body).not.toMatch(/,=HYPERLINK/);
    const seqs = lines.slice(1).map((line) => Number(line.split(',')[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const jsonl = await admin.get(`/api/v1/audit/export?format=jsonl&targetId=${unit.id}`);
    expect(jsonl.statusCode).toBe(200);
    const entries = jsonl.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries.every((e: { targetId: string }) => e.targetId === unit.id)).toBe(true);

    const recorded = (await admin.get('/api/v1/audit?action=audit.exported')).json().items;
    expect(recorded[0]).toMatchObject({ action: 'audit.exported', actorLabel: adminEmail, summary: { format: 'jsonl', entries: entries.length } });
  });

  it('asks for a fresh second factor, refuses API tokens, and keeps a mission administrator to her units', async () => {
    const byToken = await t.app.inject({ method: 'GET', url: '/api/v1/audit/export', headers: await tokenHeaders(admin, ['audit.read']) });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('auth.session-required');

    const mission = await buildUnit(t.ctx, { name: 'Embassy in Hanoi' });
    const missionAdmin = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const her = await signInAs(t.app, missionAdmin.email, testPassword);
    const mine = await her.get('/api/v1/audit/export?format=jsonl');
    expect(mine.statusCode, mine.body).toBe(200);
    const units = new Set(mine.body.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line).unitId));
    expect([...units].every((id) => id === mission.id)).toBe(true);
  });

  it('asks a session signed in longer ago than the step-up window to confirm a factor first', async () => {
    const fresh = await signInAs(t.app, adminEmail, adminPassword);
    try {
      advanceMinutes(2);
      const stale = await fresh.get('/api/v1/audit/export?format=jsonl');
      expect(stale.statusCode).toBe(403);
      expect(stale.json().error.code).toBe('auth.step-up-required');
      expect((await fresh.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword })).statusCode).toBe(200);
      expect((await fresh.get('/api/v1/audit/export?format=jsonl')).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

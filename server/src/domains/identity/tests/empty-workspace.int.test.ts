import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// DIPLODESK_DEMO=0 / --no-demo: the first run creates only the organisation and its administrator.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false, orgName: 'Kementerian Luar Negeri' });
});
afterAll(() => t.close());

describe('first run without the demo', () => {
  it('has one top-level unit named after the organisation and one administrator', async () => {
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    const units = (await admin.get('/api/v1/units')).json().items;
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ kind: 'ministry', name: 'Kementerian Luar Negeri', parentId: null });
    const users = (await admin.get('/api/v1/users')).json().items;
    expect(users.map((u: { email: string }) => u.email)).toEqual([adminEmail]);
    const system = (await t.app.inject({ method: 'GET', url: '/api/v1/system' })).json();
    expect(system).toMatchObject({ organisation: 'Kementerian Luar Negeri', demo: false });
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/platform/crypto/totp.ts';
import { newContext, shot } from './harness.ts';
import { tr } from './i18n.ts';
import { check, everyScreen, server, signedInContext } from './screens.ts';

// Every screen in Indonesian (e2e/screens.ts), the audit log as a file, and a lost second factor.
everyScreen('id');

describe('the audit log leaves as a file', () => {
  it('downloads the entries matching the filters as CSV', async () => {
    const context = await signedInContext('id', 1280);
    const page = await context.newPage();
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: tr('id', 'audit.title') }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr('id', 'audit.export.csv') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^diplodesk-audit-.+\.csv$/);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('seq,at,actor,actorId,tokenId,action,targetType,targetId,target,unitId,summary,requestId,hash');
    await check(page, 'audit-export-id');
    await context.close();
  });
});

describe('a colleague lost their phone', () => {
  it('an administrator turns their two-step verification off', async () => {
    const context = await signedInContext('en', 1280);
    const csrf = (await context.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';
    const password = 'lost phone password 2026';
    const created = await context.request.post('/api/v1/users', {
      data: { email: 'lost.phone@e2e.diplodesk', displayName: 'Lina Pratiwi', password, memberships: [] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // Lina enrols from her own session (a separate browser).
    const lina = await newContext(server());
    expect((await lina.request.post('/api/v1/auth/login', { data: { email: 'lost.phone@e2e.diplodesk', password } })).status()).toBe(200);
    const linaCsrf = (await lina.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';
    // The administrator's password is temporary: Lina chooses her own first.
    expect((await lina.request.post('/api/v1/me/password', { data: { currentPassword: password, newPassword: 'lina picks her own words', revokeTokens: false }, headers: { 'x-csrf-token': linaCsrf } })).status()).toBe(200);
    const setup = (await (await lina.request.post('/api/v1/me/mfa/setup', { headers: { 'x-csrf-token': linaCsrf } })).json()) as { secret: string };
    expect((await lina.request.post('/api/v1/me/mfa/enable', { data: { code: totpCode(setup.secret) }, headers: { 'x-csrf-token': linaCsrf } })).status()).toBe(200);

    const page = await context.newPage();
    await page.goto(`/admin/users/${id}`);
    await page.getByRole('heading', { name: tr('en', 'users.mfaResetSectionTitle') }).waitFor();
    await check(page, 'user-with-mfa');
    await page.getByRole('button', { name: tr('en', 'users.mfaReset') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(tr('en', 'users.mfaResetMessage', { name: 'Lina Pratiwi' })).waitFor();
    await shot(page, 'user-mfa-reset-confirm');
    await dialog.getByRole('button', { name: tr('en', 'users.mfaReset') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(tr('en', 'users.mfaLabelled', { state: tr('en', 'users.mfaOff') })).waitFor();
    expect(await page.getByRole('heading', { name: tr('en', 'users.mfaResetSectionTitle') }).count()).toBe(0);
    // Her old session has ended.
    expect((await lina.request.get('/api/v1/me')).status()).toBe(401);
    await lina.close();
    await context.close();
  });
});


import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../server/src/domains/identity/sso/tests/oidc-test-provider.ts';
import { admin, csrfOf, type E2E, expectAccessible, newContext, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// Single sign-on in Chromium against a real server and a real OIDC provider (oidc-provider on
// loopback): the root administrator adds the provider with a claim rule in Administration →
// Single sign-on, then a person clicks "Sign in with …", signs in on the provider's own page and
// lands in DiploDesk signed in, with the role the rule maps their `groups` claim to.

const key = 'kemlu';
const providerName = 'Kemlu SSO';
let e2e: E2E;
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startTestOidcProvider({
    redirectUris: [],
    accounts: { 'dewi.approver': { password: 'dewi-at-idp-2026', claims: { email: 'dewi@kemlu.e2e', email_verified: true, name: 'Dewi Lestari', groups: ['staff', 'kemlu-approvers'] } } },
  });
  e2e = await startE2E({ env: { SSO_ALLOW_HTTP_ISSUER: '1' } });
  idp.redirectUris.push(`${e2e.server.url}/api/v1/auth/sso/${key}/callback`);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await idp?.close();
});

describe('single sign-on', () => {
  it('the root administrator adds the identity provider with a claim rule', async () => {
    const context = await newContext(e2e);
    expect((await context.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
    const page = await context.newPage();
    await page.goto('/admin/sso');
    await page.getByRole('tab', { name: tr('en', 'admin.tabs.sso') }).waitFor();
    await page.getByText(tr('en', 'sso.admin.empty')).waitFor();
    await expectAccessible(page, 'admin-empty');
    await page.getByRole('button', { name: tr('en', 'sso.admin.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(tr('en', 'sso.admin.key'), { exact: false }).first().fill(key);
    await dialog.getByLabel(tr('en', 'sso.admin.displayName'), { exact: false }).first().fill(providerName);
    await dialog.getByLabel(tr('en', 'sso.admin.issuer'), { exact: false }).first().fill(idp.issuer);
    await dialog.getByLabel(tr('en', 'sso.admin.clientId'), { exact: false }).first().fill(idp.clientId);
    await dialog.getByLabel(tr('en', 'sso.admin.clientSecret'), { exact: false }).first().fill(idp.clientSecret);
    await dialog.getByLabel(tr('en', 'sso.admin.scopes'), { exact: false }).first().fill('openid email profile groups');
    await dialog.getByRole('button', { name: tr('en', 'sso.admin.addRule') }).click();
    await dialog.getByLabel(tr('en', 'sso.admin.ruleValue', { number: 1 })).fill('kemlu-approvers');
    await dialog.getByLabel(tr('en', 'sso.admin.ruleUnit', { number: 1 })).click();
    await page.getByRole('option', { name: /EMB-TYO/ }).click();
    await dialog.getByLabel(tr('en', 'sso.admin.ruleRole', { number: 1 })).click();
    await page.getByRole('option', { name: tr('en', 'roles.approver'), exact: true }).click();
    await expectAccessible(page, 'admin-form');
    await shot(page, 'sso-admin-form');
    await dialog.getByRole('button', { name: tr('en', 'sso.admin.save') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: providerName }).waitFor();
    await page.getByText(`${e2e.server.url}/api/v1/auth/sso/${key}/callback`).waitFor();
    await expectAccessible(page, 'admin-list');
    await shot(page, 'sso-admin-list');
    // The client secret never reaches the browser.
    const list = await (await context.request.get('/api/v1/sso/providers')).text();
    expect(list).not.toContain(idp.clientSecret);
    expect(await csrfOf(context)).not.toBe('');
    await context.close();
  });

  it('a person signs in through the provider and lands signed in with the mapped role', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await page.goto('/login');
    const button = page.getByRole('link', { name: tr('en', 'sso.login.signInWith', { name: providerName }) });
    await button.waitFor();
    await expectAccessible(page, 'login');
    await shot(page, 'sso-login');
    await button.click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.getByLabel('Username').fill('dewi.approver');
    await page.getByLabel('Password').fill('dewi-at-idp-2026');
    await shot(page, 'sso-provider-page');
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await page.waitForURL((u) => u.href.startsWith(e2e.server.url) && !u.pathname.startsWith('/login') && !u.pathname.startsWith('/api/'));
    await page.getByRole('main').waitFor();
    await page.getByText('Dewi Lestari').first().waitFor();
    await expectAccessible(page, 'signed-in');
    await shot(page, 'sso-signed-in');
    const me = (await (await context.request.get('/api/v1/me')).json()) as { user: { email: string; memberships: { unitName: string; role: string }[] } };
    expect(me.user.email).toBe('dewi@kemlu.e2e');
    expect(me.user.memberships.map((m) => `${m.unitName}:${m.role}`)).toEqual(['Embassy in Tokyo:approver']);
    await context.close();
  });

  it('explains a refused single sign-on on the sign-in page', async () => {
    const context = await newContext(e2e, { locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto('/login?sso_error=no-role');
    await page.getByRole('alert').getByText(tr('id', 'sso.login.errors.no-role')).waitFor();
    await expectAccessible(page, 'login-error-id');
    await shot(page, 'sso-login-error-id');
    await context.close();
  });
});

import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/platform/crypto/totp.ts';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, newContext, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// Passkeys and step-up in Chromium against one real server: the administrator registers a passkey
// in Profile with the DevTools virtual authenticator (a platform authenticator with user
// verification) and signs in with it, no password; a second root administrator with TOTP is asked
// for a fresh code before rotating the signing key, enters one, and the rotation goes through.

const keeper = { email: 'keys.keeper@e2e.diplodesk', password: 'keys keeper e2e password 2026' };
// A negotiator, and a policy that requires a second factor of negotiators (and of no one else here).
const negotiator = { email: 'held.negotiator@e2e.diplodesk', password: 'negotiator e2e password 2026' };
// Short enough for the journey to outwait it (the product's default and maximum is 300 s).
const stepUpWindowSeconds = 15;

let e2e: E2E;
let base: string;
let keeperSecret = '';
const contexts: BrowserContext[] = [];

async function context(): Promise<BrowserContext> {
  const c = await newContext(e2e, { baseURL: base });
  contexts.push(c);
  return c;
}

/** Chromium's virtual authenticator (WebAuthn domain of the DevTools protocol) on this page. */
async function virtualAuthenticator(c: BrowserContext, p: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await c.newCDPSession(p);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** A form field by its label, with or without the required-field asterisk. */
const field = (scope: Pick<Page, 'getByLabel'>, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();

async function signInWithPassword(p: Page, who: { email: string; password: string }) {
  await p.goto('/login');
  await field(p, tr('en', 'login.email')).fill(who.email);
  await field(p, tr('en', 'login.password')).fill(who.password);
  await p.getByRole('button', { name: tr('en', 'login.submit'), exact: true }).click();
}

beforeAll(async () => {
  e2e = await startE2E({ publicHost: 'localhost', env: { STEP_UP_WINDOW_SECONDS: String(stepUpWindowSeconds) } });
  base = e2e.server.url.replace('127.0.0.1', 'localhost');
  // A second root administrator with TOTP, prepared through the API.
  const c = await context();
  expect((await c.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
  const units = (await (await c.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const rootId = units.items.find((u) => u.parentId === null)?.id ?? '';
  const policy = await c.request.put('/api/v1/security-policy', { data: { mfaRequiredRoles: ['negotiator'] }, headers: { 'x-csrf-token': await csrfOf(c) } });
  expect(policy.status(), await policy.text()).toBe(200);
  await createUserWithOwnPassword(e2e, c, { ...negotiator, displayName: 'Nadia Negotiator', memberships: [{ unitId: rootId, role: 'negotiator' }] });
  // A fresh sign-in: the short step-up window may have closed while Nadia chose her password.
  expect((await c.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
  await createUserWithOwnPassword(e2e, c, { email: keeper.email, displayName: 'Kirana Keys', password: keeper.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId: rootId, role: 'admin' }] });
  await c.clearCookies();
  expect((await c.request.post('/api/v1/auth/login', { data: keeper })).status()).toBe(200);
  keeperSecret = ((await (await c.request.post('/api/v1/me/mfa/setup', { headers: { 'x-csrf-token': await csrfOf(c) } })).json()) as { secret: string }).secret;
  const enabled = await c.request.post('/api/v1/me/mfa/enable', { data: { code: totpCode(keeperSecret, Date.now() - 30_000) }, headers: { 'x-csrf-token': await csrfOf(c) } });
  expect(enabled.status(), await enabled.text()).toBe(200);
}, 400_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await e2e?.close();
});

describe('passkeys and step-up in the browser', () => {
  it('registers a passkey in Profile and signs in with it, without a password', async () => {
    const c = await context();
    const page = await c.newPage();
    const { cdp, authenticatorId } = await virtualAuthenticator(c, page);
    await signInWithPassword(page, admin);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto('/profile');
    await page.getByRole('heading', { name: tr('en', 'security.passkeys.title') }).waitFor();
    await page.getByText(tr('en', 'security.passkeys.empty')).waitFor();
    await page.getByRole('button', { name: tr('en', 'security.passkeys.add') }).click();
    const dialog = page.getByRole('dialog', { name: tr('en', 'security.passkeys.add') });
    await field(dialog, tr('en', 'security.passkeys.name')).fill('E2E laptop');
    await expectAccessible(page, 'add-passkey');
    await dialog.getByRole('button', { name: tr('en', 'security.passkeys.create') }).click();
    await page.getByRole('rowheader', { name: 'E2E laptop' }).waitFor();
    await shot(page, 'security-passkey-profile');
    await expectAccessible(page, 'profile-passkeys');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);

    // Signed out, the passkey alone signs in: the authenticator names the account.
    await c.clearCookies();
    await page.goto('/login');
    await page.getByRole('button', { name: tr('en', 'security.signInWithPasskey') }).waitFor();
    await shot(page, 'security-login-passkey');
    await expectAccessible(page, 'login');
    await page.getByRole('button', { name: tr('en', 'security.signInWithPasskey') }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = (await (await c.request.get('/api/v1/me')).json()) as { user: { email: string } };
    expect(me.user.email).toBe(admin.email);
    const audit = (await (await c.request.get('/api/v1/audit?action=auth.signed-in')).json()) as { items: { summary: { method?: string } }[] };
    expect(audit.items[0]?.summary.method).toBe('passkey');
    await shot(page, 'security-passkey-signed-in');
  }, 400_000);

  it('asks for a fresh TOTP code before rotating the signing key, then rotates', async () => {
    const c = await context();
    const page = await c.newPage();
    await signInWithPassword(page, keeper);
    await field(page, tr('en', 'login.code')).fill(totpCode(keeperSecret));
    await page.getByRole('button', { name: tr('en', 'login.verify') }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // The sign-in itself counts as a fresh factor; outwait it (the server runs with a short window).
    await page.waitForTimeout((stepUpWindowSeconds + 1) * 1000);
    await page.goto('/admin/security');
    await page.getByRole('heading', { name: tr('en', 'security.keys.title') }).waitFor();
    await expectAccessible(page, 'admin-security');
    await page.getByRole('button', { name: tr('en', 'security.keys.rotate') }).click();
    await page.getByRole('dialog', { name: tr('en', 'security.keys.rotate') }).getByRole('button', { name: tr('en', 'security.keys.rotate') }).click();

    const stepUp = page.getByRole('dialog', { name: tr('en', 'security.stepUp.title') });
    await stepUp.waitFor();
    await expect(stepUp.getByRole('button', { name: tr('en', 'security.usePasskey') }).count()).resolves.toBe(0);
    await shot(page, 'security-step-up');
    await expectAccessible(page, 'step-up');
    // The code of the next 30-second step: the one used to sign in cannot be used twice.
    await field(stepUp, tr('en', 'login.code')).fill(totpCode(keeperSecret, Date.now() + 30_000));
    await stepUp.getByRole('button', { name: tr('en', 'security.stepUp.confirm') }).click();

    await page.getByRole('status').filter({ hasText: tr('en', 'security.keys.current') }).waitFor();
    await shot(page, 'security-key-rotated');
    const audit = (await (await c.request.get('/api/v1/audit?action=auth.stepped-up')).json()) as { items: { actorLabel: string; summary: { method: string } }[] };
    expect(audit.items[0]).toMatchObject({ actorLabel: keeper.email, summary: { method: 'totp' } });
    const rotated = (await (await c.request.get('/api/v1/audit?action=signing-key.rotated')).json()) as { items: { actorLabel: string }[] };
    expect(rotated.items[0]?.actorLabel).toBe(keeper.email);
  }, 400_000);

  it('holds a user whose role requires two-step verification on the set-up screen until a factor is set up', async () => {
    const page = await (await context()).newPage();
    await signInWithPassword(page, negotiator);
    await page.getByRole('heading', { level: 1, name: tr('en', 'security.mfaRequired.title') }).waitFor();
    await expectAccessible(page, 'mfa-required');
    await shot(page, 'security-mfa-required');
    await page.getByRole('button', { name: tr('en', 'mfa.setUp') }).click();
    await page.getByRole('dialog', { name: tr('en', 'mfa.enrolTitle') }).waitFor();
  }, 200_000);
});

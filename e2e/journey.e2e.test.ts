import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/platform/crypto/totp.ts';
import { admin, type E2E, newContext, seriousA11yViolations, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The administrator's first day: sign in, turn on two-step verification, sign in again with a
// code, switch the interface to Indonesian, create a mission and a colleague, and find both in the
// audit log — in Debian's Chromium against a real server on the embedded database.
let e2e: E2E;
let page: Page;
let secret = '';

beforeAll(async () => {
  e2e = await startE2E();
  page = await (await newContext(e2e)).newPage();
});
afterAll(() => e2e?.close());

async function expectAccessible(name: string) {
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-${name.replace(/\W+/g, '-')}`);
  expect(violations, name).toEqual([]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A form field by its visible label (Mantine appends " *" to required ones). */
const field = (label: string, scope: Pick<Page, 'getByLabel'> = page) => scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`)).first();

/** Waits for a heading; on failure keeps a screenshot of what was there instead. */
async function heading(name: string) {
  await page
    .getByRole('heading', { name, exact: true })
    .waitFor()
    .catch(async (err: unknown) => {
      await shot(page, `failure-heading-${name.replace(/\W+/g, '-')}`);
      throw err;
    });
}

/** Picks an option of a Mantine Select (clicking the selected option again would clear it). */
async function chooseOption(label: string, option: string | RegExp, search?: string) {
  const input = field(label);
  const matches = (value: string) => (typeof option === 'string' ? value === option : option.test(value));
  if (matches(await input.inputValue())) return;
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).click();
  await expect.poll(async () => matches(await input.inputValue())).toBe(true);
}

async function signIn(code?: string) {
  await field(tr('en', 'login.email')).fill(admin.email);
  await field(tr('en', 'login.password')).fill(admin.password);
  await page.getByRole('button', { name: tr('en', 'login.submit') }).click();
  if (code) {
    await field(tr('en', 'login.code')).fill(code);
    await shot(page, 'journey-02-login-code');
    await page.getByRole('button', { name: tr('en', 'login.verify') }).click();
  }
  // Signed in: the account menu appears (the app returns to the page that asked for sign-in).
  await page
    .getByRole('button', { name: `Administrator, ${tr('en', 'userMenu.what')}` })
    .waitFor()
    .catch(async (err: unknown) => {
      await shot(page, 'journey-failed-sign-in');
      throw err;
    });
}

describe('administrator journey', () => {
  it('signs in with e-mail and password', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: tr('en', 'login.title') }).waitFor();
    await expectAccessible('login');
    await shot(page, 'journey-01-login');
    await page.getByRole('button', { name: tr('en', 'login.submit') }).click();
    await expect(page.getByText(tr('en', 'validation.required')).first().isVisible()).resolves.toBe(true);
    await field(tr('en', 'login.email')).fill(admin.email);
    await field(tr('en', 'login.password')).fill('wrong password here');
    await page.getByRole('button', { name: tr('en', 'login.submit') }).click();
    await page.getByRole('alert').filter({ hasText: tr('en', 'errors.auth.invalid-credentials') }).waitFor();
    await page.goto('/login');
    await signIn();
    await expectAccessible('home');
  });

  it('turns on two-step verification with a code from the authenticator', async () => {
    await page.goto('/profile');
    await heading(tr('en', 'profile.title'));
    await page.getByRole('button', { name: tr('en', 'mfa.setUp') }).click();
    const key = page.getByLabel(tr('en', 'mfa.manualEntry'));
    await key.waitFor();
    secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'journey-03-mfa-enrol');
    await field(tr('en', 'mfa.code')).fill(totpCode(secret));
    await page.getByRole('button', { name: tr('en', 'mfa.turnOn') }).click();
    await page.getByText(tr('en', 'mfa.onHelp')).waitFor();
    // axe must see the page, not the set-up dialog fading out.
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expectAccessible('profile');
  });

  it('signs out, and signing in again asks for a code', async () => {
    await page.getByRole('button', { name: `Administrator, ${tr('en', 'userMenu.what')}` }).click();
    await page.getByRole('menuitem', { name: tr('en', 'userMenu.signOut') }).click();
    await page.waitForURL(/\/login/);
    // The code of the next 30-second step: the current one was used to turn the feature on.
    await signIn(totpCode(secret, Date.now() + 30_000));
    expect(new URL(page.url()).pathname).toBe('/profile');
  });

  it('switches the interface to Indonesian', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: tr('en', 'language.switchLabel', { language: 'English' }) }).click();
    await page.getByRole('menuitem', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: tr('id', 'nav.label') }).getByText(tr('id', 'areas.statements.title')).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('heading', { level: 1, name: tr('id', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    await shot(page, 'journey-04-home-id');
    await expectAccessible('home in Indonesian');
  });

  it('creates a mission in Indonesian', async () => {
    await page.goto('/admin/units');
    await heading(tr('id', 'units.title'));
    await page.getByRole('button', { name: tr('id', 'units.createTitle') }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await chooseOption(tr('id', 'units.fields.parent'), 'Demo Ministry of Foreign Affairs');
    await chooseOption(tr('id', 'units.fields.kind'), tr('id', 'units.kinds.mission'));
    await field(tr('id', 'units.fields.name'), dialog).fill('Kedutaan Besar di Canberra');
    await field(tr('id', 'units.fields.code'), dialog).fill('KBRI-CBR');
    // A keyboard user types the zone and presses Enter: that picks the zone and never submits the form.
    const zone = field(tr('id', 'units.fields.timeZone'), dialog);
    await zone.fill('Australia/Sydney');
    await zone.press('Enter');
    await expect.poll(() => zone.inputValue()).toBe('Australia/Sydney');
    expect(await dialog.isVisible()).toBe(true);
    const country = field(tr('id', 'units.fields.country'), dialog);
    await country.fill('Australia');
    await country.press('Enter');
    await expect.poll(() => country.inputValue()).toMatch(/^Australia \(AU\)$/);
    expect(await dialog.isVisible()).toBe(true);
    await field(tr('id', 'units.fields.city'), dialog).fill('Canberra');
    await shot(page, 'journey-05-unit-form-id');
    await expectAccessible('unit form');
    await dialog.getByRole('button', { name: tr('id', 'units.create') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: /Kedutaan Besar di Canberra/ }).first().waitFor();
    const units = (await (await page.request.get('/api/v1/units')).json()) as { items: { code: string; timeZone: string; countryCode: string | null }[] };
    expect(units.items.find((unit) => unit.code === 'KBRI-CBR')).toMatchObject({ timeZone: 'Australia/Sydney', countryCode: 'AU' });
    await shot(page, 'journey-06-units-id');
  });

  it('creates a colleague with a role at the new mission', async () => {
    await page.goto('/admin/users');
    await heading(tr('id', 'users.title'));
    await page.getByRole('button', { name: tr('id', 'users.createTitle') }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await field(tr('id', 'users.fields.email'), dialog).fill('rahmat.hidayat@e2e.diplodesk');
    await field(tr('id', 'users.fields.name'), dialog).fill('Rahmat Hidayat');
    await dialog.getByRole('button', { name: tr('id', 'users.addMembershipRow') }).click();
    await chooseOption(tr('id', 'users.fields.unitNumbered', { number: 1 }), /Kedutaan Besar di Canberra$/, 'Canberra');
    await chooseOption(tr('id', 'users.fields.roleNumbered', { number: 1 }), tr('id', 'roles.editor'));
    await shot(page, 'journey-07-user-form-id');
    await dialog.getByRole('button', { name: tr('id', 'users.create') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('rahmat.hidayat@e2e.diplodesk').first().waitFor();
  });

  it('finds both in the audit log, and the chain verifies', async () => {
    await page.goto('/admin/audit');
    await heading(tr('id', 'audit.title'));
    await page.getByText(tr('id', 'audit.actions.unit.created')).first().waitFor();
    await page.getByText(tr('id', 'audit.actions.user.created')).first().waitFor();
    await expect(page.getByText(/Kedutaan Besar di Canberra|KBRI-CBR/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(/rahmat\.hidayat@e2e\.diplodesk|Rahmat Hidayat/).first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: tr('id', 'audit.verify') }).click();
    await page.getByText(tr('id', 'audit.verifyOkTitle')).waitFor();
    await shot(page, 'journey-08-audit-id');
    await expectAccessible('audit log');
  });
});

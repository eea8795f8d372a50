import { describe, expect, it } from 'vitest';
import { screenshotDir } from './harness.ts';
import { tr } from './i18n.ts';
import { everyScreen, settle, signedInContext } from './screens.ts';

// Every screen in English (e2e/screens.ts), the layout of a long page, the keyboard, and a
// password set by an administrator.
everyScreen('en');

describe('an administrator sets a colleague\'s password', () => {
  it('shows the password as set at once, without a reload', async () => {
    const context = await signedInContext('en', 1280);
    const users = (await (await context.request.get('/api/v1/users')).json()) as { items: { id: string; email: string; hasPassword: boolean }[] };
    const dewi = users.items.find((u) => u.email.startsWith('dewi.lestari'));
    expect(dewi?.hasPassword).toBe(false);
    const page = await context.newPage();
    await page.goto(`/admin/users/${dewi?.id}`);
    // The "Password" fact of the details list.
    const passwordFact = page.locator('dt', { hasText: new RegExp(`^${tr('en', 'users.fields.password')}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => passwordFact.textContent()).toBe(tr('en', 'users.passwordNotSet'));
    await page.getByLabel(new RegExp(`^${tr('en', 'users.fields.newPassword')}`)).fill('a temporary password for Dewi 2026');
    await page.getByLabel(new RegExp(`^${tr('en', 'users.fields.confirmPassword')}`)).fill('a temporary password for Dewi 2026');
    await page.getByRole('button', { name: tr('en', 'users.setPassword') }).click();
    await expect.poll(() => passwordFact.textContent(), { timeout: 15_000 }).toBe(tr('en', 'users.passwordIsSet'));
    await context.close();
  });
});

describe('layout', () => {
  it('keeps the navigation column and its background beside the content down to the end of a long page', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    // A short window (a laptop with the browser's own bars) makes the new-statement form a long page.
    const viewport = { width: 1280, height: 480 };
    await page.setViewportSize(viewport);
    await page.goto('/statements/new');
    await page.getByRole('heading', { name: tr('en', 'statements.new.title') }).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(viewport.height * 1.5);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 0);
    const nav = await page.evaluate(() => {
      const el = document.getElementById('main-navigation');
      const box = el?.getBoundingClientRect();
      return { top: box?.top ?? -1, bottom: box?.bottom ?? -1, background: el ? getComputedStyle(el).backgroundColor : '' };
    });
    expect(nav.top).toBeLessThanOrEqual(57);
    expect(nav.bottom).toBeGreaterThanOrEqual(viewport.height - 1);
    expect(nav.background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    // The viewport as a reader sees it after scrolling (a full-page capture stretches fixed columns only to the first screen).
    await page.screenshot({ path: `${screenshotDir}/layout-long-page-scrolled.png` });
    await context.close();
  });
});

describe('keyboard', () => {
  it('operates the language menu with the keyboard alone', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: tr('en', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    await page.getByRole('button', { name: tr('en', 'language.switchLabel', { language: 'English' }) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await settle(page);
    for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Bahasa Indonesia'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bahasa Indonesia');
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: tr('id', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    // …and Escape closes it again.
    await page.getByRole('button', { name: tr('id', 'language.switchLabel', { language: 'Bahasa Indonesia' }) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    // Opened from the keyboard, focus moves into the menu; Escape then closes it.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="menu"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await context.close();
  });

  it('reaches the main content with the skip link first', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: tr('en', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect((await focused.textContent())?.trim()).toBe(tr('en', 'shell.skipToContent'));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('main');
    await context.close();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailInbox, type Receiver, startReceiver, startSmtpServer } from '../server/src/domains/insights/tests/delivery-fakes.ts';
import { admin, csrfOf, type E2E, expectAccessible, newContext, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An administrator sets up alert delivery in the app: the mail server (a real SMTP server in this
// process) with a test e-mail that arrives, a webhook whose signing secret is shown once, and the
// alert rule form that names e-mail recipients and calls the webhooks — in English and Indonesian.

let e2e: E2E;
let smtp: MailInbox;
let receiver: Receiver;
const contexts: BrowserContext[] = [];

async function adminPage(lang: 'en' | 'id'): Promise<Page> {
  const context = await newContext(e2e, { width: 1280, height: 900, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
  contexts.push(context);
  expect((await context.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
  return context.newPage();
}

/** A form field by its label (a required one carries " *"). */
const field = (scope: Pick<Page, 'getByLabel'>, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();

beforeAll(async () => {
  smtp = await startSmtpServer('alerts', 'e2e relay password');
  receiver = await startReceiver(200);
  e2e = await startE2E();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await e2e?.close();
  await smtp?.close();
  await receiver?.close();
});

describe('alert delivery', () => {
  it('sets the mail server and sends a test e-mail that arrives', async () => {
    const page = await adminPage('en');
    await page.goto('/admin');
    await page.getByRole('tab', { name: tr('en', 'admin.tabs.delivery') }).click();
    await page.getByRole('heading', { name: tr('en', 'insights.delivery.smtp.title') }).waitFor();
    await field(page, tr('en', 'insights.delivery.smtp.host')).fill('127.0.0.1');
    await field(page, tr('en', 'insights.delivery.smtp.port')).fill(String(smtp.port));
    await field(page, tr('en', 'insights.delivery.smtp.security')).click();
    await page.getByRole('option', { name: tr('en', 'insights.delivery.smtp.securities.none') }).click();
    await field(page, tr('en', 'insights.delivery.smtp.username')).fill('alerts');
    await field(page, tr('en', 'insights.delivery.smtp.password')).fill('e2e relay password');
    await field(page, tr('en', 'insights.delivery.smtp.fromAddress')).fill('alerts@ministry.example');
    await field(page, tr('en', 'insights.delivery.smtp.fromName')).fill('DiploDesk alerts');
    await page.getByRole('button', { name: tr('en', 'insights.delivery.smtp.save') }).click();
    await page.getByText(tr('en', 'insights.delivery.smtp.passwordKept')).waitFor();
    await field(page, tr('en', 'insights.delivery.smtp.testTo')).fill('duty@ministry.example');
    await page.getByRole('button', { name: tr('en', 'insights.delivery.smtp.sendTest') }).click();
    await expect.poll(() => smtp.messages.length, { timeout: 15_000 }).toBe(1);
    expect(smtp.messages[0]?.subject).toBe('[DiploDesk] Test e-mail');
    await page.getByText(tr('en', 'insights.delivery.smtp.testSent', { to: 'duty@ministry.example' })).waitFor();
    // The password never comes back to the browser.
    expect(await page.content()).not.toContain('e2e relay password');
    await shot(page, 'alert-delivery-smtp-en');
    await expectAccessible(page, 'smtp-en');
  });

  it('adds a webhook and shows its signing secret once', async () => {
    const page = await adminPage('en');
    await page.goto('/admin/delivery');
    await page.getByRole('button', { name: tr('en', 'insights.delivery.webhooks.add') }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, tr('en', 'insights.delivery.webhooks.name')).fill('Situation room');
    await field(dialog, tr('en', 'insights.delivery.webhooks.url')).fill(receiver.url);
    await dialog.getByRole('button', { name: tr('en', 'insights.delivery.webhooks.create') }).click();
    await page.getByText(tr('en', 'insights.delivery.webhooks.copyNowTitle')).waitFor();
    const secret = (await page.getByRole('dialog').locator('pre, code').first().textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await shot(page, 'alert-delivery-webhook-secret-en');
    await expectAccessible(page, 'webhook-secret-en');
    await page.getByRole('button', { name: tr('en', 'common.done') }).click();
    await page.getByText('Situation room').waitFor();
    expect(await page.content()).not.toContain(secret);
    const list = await page.request.get('/api/v1/insights/webhooks');
    expect(await list.text()).not.toContain(secret.slice(6));
  });

  it('names e-mail recipients and the webhooks on an alert rule, in Indonesian', async () => {
    const page = await adminPage('id');
    await page.goto('/insights/rules');
    await page.getByRole('button', { name: tr('id', 'insights.rules.add') }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, tr('id', 'insights.rules.form.name')).fill('Lonjakan perikanan');
    await field(dialog, tr('id', 'insights.rules.form.emailAddresses')).fill('meja@kemlu.example');
    await field(dialog, tr('id', 'insights.rules.form.emailAddresses')).press('Enter');
    await dialog.getByLabel(tr('id', 'insights.rules.form.notifyWebhooks')).check();
    await shot(page, 'alert-delivery-rule-form-id');
    await expectAccessible(page, 'rule-form-id');
    await dialog.getByRole('button', { name: tr('id', 'insights.rules.form.create') }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rules = (await (await page.request.get('/api/v1/insights/alert-rules')).json()) as { items: { name: string; emailAddresses: string[]; notifyWebhooks: boolean }[] };
    expect(rules.items.find((r) => r.name === 'Lonjakan perikanan')).toMatchObject({ emailAddresses: ['meja@kemlu.example'], notifyWebhooks: true });
    await page.goto('/admin/delivery');
    await page.getByRole('heading', { name: tr('id', 'insights.delivery.log.title') }).waitFor();
    await shot(page, 'alert-delivery-admin-id');
    await expectAccessible(page, 'admin-id');
  });
});

import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en/translation.json';
import id from '../locales/id/translation.json';
import { ApiError } from './api-client.ts';
import { describeError } from './describe-error.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en }, id: { translation: id } } });
});

describe('describeError', () => {
  it('says why a password is too easy to guess, in the reader’s language', async () => {
    const guessable = new ApiError(400, 'auth.password-guessable', 'x', { score: 1, minScore: 3, warning: 'userInputs', suggestions: [] });
    await i18n.changeLanguage('en');
    expect(describeError(guessable, i18n.t)).toBe("This password is too easy to guess. Use a longer phrase of unrelated words. It contains your name, your address or the organisation's name.");
    await i18n.changeLanguage('id');
    expect(describeError(guessable, i18n.t)).toMatch(/^Kata sandi ini terlalu mudah ditebak\..*memuat nama Anda/);
    expect(describeError(new ApiError(400, 'auth.password-guessable', 'x', { warning: 'unheard-of' }), i18n.t)).toMatch(/mudah ditebak\. Gunakan rangkaian beberapa kata yang tidak saling berkaitan\.$/);
    await i18n.changeLanguage('en');
  });

  it('fills the limit into the token-limit sentence, in both languages', async () => {
    const full = new ApiError(409, 'token.limit-reached', 'x', { limit: 20 });
    expect(describeError(full, i18n.t)).toBe('You already hold as many API tokens as allowed (20). Revoke one you no longer use, then create the new one.');
    await i18n.changeLanguage('id');
    expect(describeError(full, i18n.t)).toMatch(/^Anda sudah memegang token API sebanyak yang diizinkan \(20\)\./);
    await i18n.changeLanguage('en');
  });

  it('says that the administrator’s host list, not the address, stopped a source or a channel', async () => {
    const refused = new ApiError(400, 'outbound.host-not-allowed', 'x', { field: 'url', host: 'news.example' });
    expect(describeError(refused, i18n.t)).toBe('This installation only fetches from the hosts its administrator listed, and this address is not on the list. Ask the administrator to add its host.');
    await i18n.changeLanguage('id');
    expect(describeError(refused, i18n.t)).toMatch(/^Instalasi ini hanya mengambil data dari host yang didaftarkan oleh administratornya/);
    await i18n.changeLanguage('en');
  });

  it('names the size limit when what was sent is too large', async () => {
    const tooLarge = new ApiError(413, 'request.too-large', 'x', { maxBytes: 1_048_576 });
    expect(describeError(tooLarge, i18n.t)).toMatch(/^What you sent is larger than 1 MB, the most this form takes\./);
    await i18n.changeLanguage('id');
    expect(describeError(new ApiError(413, 'request.too-large', 'x', { maxBytes: 1_572_864 }), i18n.t)).toMatch(/^Data yang dikirim lebih besar dari 1,5 MB/);
    await i18n.changeLanguage('en');
    expect(describeError(new ApiError(413, 'request.too-large', 'x'), i18n.t)).toBe('What you sent is too large.');
  });

  it('translates a catalogue code', async () => {
    expect(describeError(new ApiError(401, 'auth.invalid-credentials', 'x'), i18n.t)).toBe('The e-mail address or password is wrong.');
    await i18n.changeLanguage('id');
    expect(describeError(new ApiError(401, 'auth.invalid-credentials', 'x'), i18n.t)).toBe('Alamat e-mail atau kata sandi salah.');
    await i18n.changeLanguage('en');
  });

  it('says how long a throttled sign-in must wait, rounded up to minutes', () => {
    const locked = new ApiError(423, 'auth.locked', 'Locked', { retryAfterSeconds: 610 });
    expect(describeError(locked, i18n.t)).toBe('Too many failed attempts from here. Try again in 11 minutes.');
    const soon = new ApiError(423, 'auth.locked', 'Locked', { retryAfterSeconds: 20 });
    expect(describeError(soon, i18n.t)).toMatch(/Try again in 1 minute\.$/);
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(describeError(new ApiError(409, 'statement.already-signed', 'Already signed.'), i18n.t)).toBe('Already signed.');
  });

  it('explains a network failure and anything that is not an API error', () => {
    expect(describeError(new ApiError(0, 'network', ''), i18n.t)).toMatch(/cannot be reached/);
    expect(describeError(new Error('boom'), i18n.t)).toBe('Something unexpected happened. Try again.');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { assessPassword } from './assess-password.ts';
import { createPasswordQuality } from './password-quality.ts';

describe('assessPassword', () => {
  it('scores common, patterned and Indonesian everyday passwords below 3', { timeout: 30_000 }, () => {
    for (const weak of ['Password1234!', 'qwertyuiop123', 'rahasia123456', 'jakarta123456', 'akucintakamu123', 'bismillah2026', 'indonesia1945']) {
      expect(assessPassword(weak).score, weak).toBeLessThan(3);
    }
  });

  it('scores long phrases of unrelated words at 3 or more', () => {
    for (const strong of ['correct horse battery staple', 'kopi tubruk di bawah hujan Bogor', 'Seven quiet harbours, no maps']) {
      expect(assessPassword(strong).score, strong).toBeGreaterThanOrEqual(3);
    }
  });

  it('counts the account’s own name and address against the password', { timeout: 30_000 }, () => {
    const alone = assessPassword('budisantoso2026');
    const withInputs = assessPassword('budisantoso2026', ['budi.santoso@kemlu.example', 'Budi Santoso']);
    expect(withInputs.score).toBeLessThan(alone.score === 0 ? 1 : alone.score);
    expect(withInputs.score).toBeLessThan(3);
  });
});

describe('createPasswordQuality', () => {
  const quality = createPasswordQuality(3);
  afterAll(() => quality.close());

  // The first call starts the thread, which loads the dictionaries (about a second on an idle core).
  it('assesses on its own thread and refuses a weak password with the reason', { timeout: 60_000 }, async () => {
    await expect(quality.requireStrong('kopi tubruk di bawah hujan Bogor', [])).resolves.toBeUndefined();
    const refused = await quality.requireStrong('Password1234!', []).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('auth.password-guessable');
    expect((refused as AppError).details).toMatchObject({ minScore: 3, warning: 'common', suggestions: expect.arrayContaining(['anotherWord']) });
  });

  it('answers concurrent requests each with its own result', { timeout: 30_000 }, async () => {
    const [a, b] = await Promise.all([quality.assess('qwertyuiop123', []), quality.assess('Seven quiet harbours, no maps', [])]);
    expect(a.score).toBeLessThan(3);
    expect(b.score).toBeGreaterThanOrEqual(3);
  });
});

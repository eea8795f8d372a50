// The server's password-quality check. Loading the dictionaries takes about a second and one
// assessment up to a few hundred milliseconds, so both happen on a thread of their own, started on
// first use: a password change never stalls other requests.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error.ts';
import type { PasswordAssessment, PasswordScore } from './assess-password.ts';
import { openBreachedPasswords } from './breached-passwords.ts';
import type { QualityReply, QualityRequest } from './password-quality-thread.ts';

export type { PasswordAssessment, PasswordScore } from './assess-password.ts';

export type PasswordQuality = {
  assess(password: string, userInputs: readonly string[]): Promise<PasswordAssessment>;
  /**
   * Refuses a password found in the breached-password list with `auth.password-breached`, and one
   * scoring below the minimum with `auth.password-guessable` (details: score, warning, suggestions).
   */
  requireStrong(password: string, userInputs: readonly string[]): Promise<void>;
  close(): Promise<void>;
};

const entry = new URL('./password-quality-thread.mjs', import.meta.url);

export function createPasswordQuality(minScore: PasswordScore, opts: { breachedFile?: string | undefined } = {}): PasswordQuality {
  const breached = opts.breachedFile ? openBreachedPasswords(opts.breachedFile) : null;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(a: PasswordAssessment): void; reject(e: Error): void }>();

  function thread(): Worker {
    if (worker) return worker;
    const w = new Worker(entry);
    const fail = (err: Error) => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('message', (reply: QualityReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('failure' in reply) p.reject(new Error(reply.failure));
      else p.resolve(reply.assessment);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`password-quality thread exited with code ${code}`)));
    w.unref();
    worker = w;
    return w;
  }

  const assess: PasswordQuality['assess'] = (password, userInputs) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      thread().postMessage({ id, password, userInputs: [...userInputs] } satisfies QualityRequest);
    });

  return {
    assess,
    async requireStrong(password, userInputs) {
      // Checked first: a listed password is refused whatever its score (attackers try these lists first).
      if (await breached?.isBreached(password)) throw new AppError('auth.password-breached');
      const a = await assess(password, userInputs);
      if (a.score < minScore) throw new AppError('auth.password-guessable', undefined, { score: a.score, minScore, warning: a.warning, suggestions: a.suggestions });
    },
    async close() {
      await breached?.close();
      await worker?.terminate();
      worker = null;
    },
  };
}

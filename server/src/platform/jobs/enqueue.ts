import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/index.ts';
import { jobs } from '../db/platform.tables.ts';
import { AppError } from '../errors/app-error.ts';
import type { JobDefinition } from './types.ts';

export type EnqueueOptions = {
  /** A second enqueue with the same key adds nothing and returns the first job's id. Keys are global: include the job's name. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that asked for it
 * commits. The payload is checked now, and again when the job runs.
 * @example await enqueueJob(tx, probeJob, { label: 'hello' }, { idempotencyKey: `probe:${id}` })
 */
export async function enqueueJob<S extends z.ZodType>(
  tx: Executor,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<string> {
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError('request.invalid', `Invalid payload for job ${def.name}.`, { job: def.name, issues });
  }
  const maxAttempts = opts.maxAttempts ?? def.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts of ${def.name} must be a positive integer`);
  // The input is stored, not the parsed output: the runner parses it again with the same schema.
  const inserted = await tx
    .insert(jobs)
    .values({
      name: def.name,
      payload,
      idempotencyKey: opts.idempotencyKey ?? null,
      maxAttempts,
      ...(opts.runAt ? { runAt: opts.runAt } : {}),
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .returning({ id: jobs.id });
  if (inserted[0]) return inserted[0].id;
  const key = opts.idempotencyKey;
  const existing = key ? await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.idempotencyKey, key)) : [];
  if (!existing[0]) throw new Error(`job ${def.name} was neither inserted nor found`);
  return existing[0].id;
}

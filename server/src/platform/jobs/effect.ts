import type { z } from 'zod';
import type { Db, Tx } from '../db/index.ts';
import type { JobContext, JobDefinition } from './types.ts';

/** What step 2 produced: a value, or the error it threw (step 3 decides what an error means). */
export type EffectOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type PrepareContext = { tx: Tx; jobId: string; attempt: number; workerId: string };
export type PerformContext = {
  /** No transaction is open: short writes that must survive a crash mid-call (e.g. refreshed tokens) go here. */
  db: Db;
  jobId: string;
  attempt: number;
  signal: AbortSignal;
};

/**
 * A job whose work is an external effect (a post, an e-mail, a webhook). It runs in three steps so
 * no network call happens inside a transaction (on PGlite that transaction holds the only
 * connection) and so a crash leaves evidence of an effect that may have happened:
 * 1. `prepare` — a short transaction, committed before the call: claim the effect's own row (e.g.
 *    mark it `publishing`, attempt n). Returns the plan, or null when there is nothing to do.
 *    Finding the row already claimed by this job means an earlier run died between 1 and 3: the
 *    outcome is unknown and `prepare` must plan a check, or a repeat only where the remote side
 *    guards against duplicates.
 * 2. `perform` — the call, outside any transaction, with an idempotency key from the plan.
 * 3. `record` — in the transaction that completes the job: store the outcome, enqueue follow-ups.
 */
export type EffectJobDefinition<S extends z.ZodType, P, R> = {
  name: `${string}.${string}@${number}`;
  payload: S;
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  prepare(payload: z.output<S>, ctx: PrepareContext): Promise<P | null>;
  perform(plan: P, ctx: PerformContext): Promise<R>;
  record(payload: z.output<S>, plan: P, outcome: EffectOutcome<R>, ctx: JobContext): Promise<void>;
};

/** The steps as the runner sees them, payload and plan types erased. */
export type EffectSteps = {
  prepare(payload: unknown, ctx: PrepareContext): Promise<unknown>;
  perform(plan: unknown, ctx: PerformContext): Promise<unknown>;
  record(payload: unknown, plan: unknown, outcome: EffectOutcome<unknown>, ctx: JobContext): Promise<void>;
};

/** A job definition carrying effect steps; its `handler` is never called by the runner. */
export type EffectJob<S extends z.ZodType = z.ZodType> = JobDefinition<S> & { effect: EffectSteps };

export function defineEffectJob<S extends z.ZodType, P, R>(def: EffectJobDefinition<S, P, R>): EffectJob<S> {
  const { prepare, perform, record, ...rest } = def;
  return {
    ...rest,
    async handler() {
      throw new Error(`${def.name} is an effect job: the runner runs its steps, not a handler`);
    },
    effect: {
      prepare: (payload, ctx) => prepare(payload as z.output<S>, ctx),
      perform: (plan, ctx) => perform(plan as P, ctx),
      record: (payload, plan, outcome, ctx) => record(payload as z.output<S>, plan as P, outcome as EffectOutcome<R>, ctx),
    },
  };
}

export function effectStepsOf(def: JobDefinition): EffectSteps | null {
  const steps = (def as Partial<EffectJob>).effect;
  return steps ?? null;
}

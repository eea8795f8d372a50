import type { z } from 'zod';
import type { Db, Tx } from '../db/index.ts';

export type JobContext = {
  /** The transaction that also marks the job completed: database effects commit exactly once with it. */
  tx: Tx;
  /**
   * The database outside the job's transaction. On PGlite (one connection) a query on it waits for
   * the job's transaction to end, which is never: handlers must use `tx` for every query there.
   */
  db: Db;
  jobId: string;
  attempt: number;
  workerId: string;
  /** Aborted when the job outlives its lease or the runner is stopped past its grace period. */
  signal: AbortSignal;
};

/** A typed job: name `domain.verb-noun@version`, payload schema, handler, retry policy. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: `${string}.${string}@${number}`;
  payload: S;
  maxAttempts?: number;
  /** Delay before retry n (1-based), ms. Default: exponential from 1 s, capped at 10 min, with jitter. */
  backoffMs?: (attempt: number) => number;
  // Method syntax on purpose: it lets a registry hold definitions of different payload types.
  handler(payload: z.output<S>, ctx: JobContext): Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

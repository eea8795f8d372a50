import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import type { Db, DbKind, Tx } from './db/index.ts';
import type { Metrics } from './observability/metrics.ts';

/** What the composition root hands every domain plugin. Plain values, no container. */
export type PlatformContext = {
  config: Config;
  db: Db;
  dbKind: DbKind;
  secretBox: SecretBox;
  metrics: Metrics;
  logger: Logger;
  /** Wakes the outbox dispatcher after a commit so live updates do not wait for the next poll. */
  notifyOutbox: () => void;
};

/** Runs a command's writes, audit entry and outbox events in one transaction, then wakes the dispatcher. */
export async function inTransaction<T>(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(fn);
  ctx.notifyOutbox();
  return result;
}

import type { Logger } from 'pino';
import { createPasswordQuality, type PasswordQuality } from './crypto/password-quality/password-quality.ts';
import type { Config } from './config/config.ts';
import { createPasswordHasher, type PasswordHasher } from './crypto/password.ts';
import { createSecretKeyring, resolveMasterKey, resolvePreviousKeys, type SecretKeyring } from './crypto/secret-box.ts';
import type { Database, Db, DbKind, Tx } from './db/index.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { createOutbound, logOutboundTo, type Outbound, parseAllowList, parseHostList } from './outbound/index.ts';
import { createSignals, type Signals } from './signals.ts';
import { createClamdScanner, type MalwareScanner } from './storage/clamd.ts';
import { createLocalStorage, type Storage } from './storage/storage.ts';

/** What the composition root hands every domain plugin. Plain values, no container. */
export type PlatformContext = {
  config: Config;
  db: Db;
  dbKind: DbKind;
  /** One box per purpose (`secretBox.for('totp')`): hand a component only the box it needs. */
  secretBox: SecretKeyring;
  metrics: Metrics;
  logger: Logger;
  /** Wakes the outbox dispatcher after a commit so live updates do not wait for the next poll. */
  notifyOutbox: () => void;
  signals: Signals;
  /** Attachments (local disk under STORAGE_DIR by default). */
  storage: Storage;
  /** clamd, when CLAMD_ADDRESS is set: uploads go through platform/storage/malware-check. */
  malwareScanner: MalwareScanner | null;
  /** Refuses guessable new passwords (zxcvbn-ts on a thread of its own, started on first use). */
  passwordQuality: PasswordQuality;
  /** Hashes and checks passwords at the instance's cost (PASSWORD_HASH_COST). */
  passwords: PasswordHasher;
  /** The one way to reach an address a user supplied (feeds, instances, redirects): see platform/outbound. */
  outbound: Outbound;
};

/** Runs a command's writes, audit entry and outbox events in one transaction, then wakes the dispatcher. */
export async function inTransaction<T>(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(fn);
  ctx.notifyOutbox();
  return result;
}

/**
 * The context for one process: the master key comes from DIPLODESK_SECRET or a key file (the data
 * directory's by default); previous master keys still open what they sealed until it is re-sealed.
 */
export function createPlatformContext(config: Config, database: Database, logger: Logger, notifyOutbox: () => void = () => undefined, outbound?: Outbound): PlatformContext {
  return {
    config,
    db: database.db,
    dbKind: database.kind,
    secretBox: createSecretKeyring(
      resolveMasterKey(config.secret, database.kind === 'embedded' ? config.dataDir : undefined, config.keyFile),
      resolvePreviousKeys(config.previousSecrets, config.previousKeyFiles),
    ),
    metrics: createMetrics(),
    logger,
    notifyOutbox,
    signals: createSignals(),
    storage: createLocalStorage(config.storageDir),
    malwareScanner: config.clamd ? createClamdScanner(config.clamd) : null,
    passwordQuality: createPasswordQuality(config.passwordMinScore, { breachedFile: config.breachedPasswordsFile }),
    passwords: createPasswordHasher(config.passwordHashCost),
    outbound:
      outbound ??
      createOutbound({
        allow: parseAllowList(config.outboundAllowCidrs),
        hosts: parseHostList(config.outboundAllowHosts.join(',')),
        plainHttpHosts: config.outboundPlainHttpHosts,
        // Why an address was refused stays in the server log; users see one neutral message.
        log: logOutboundTo(logger),
      }),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { isProcessAlive } from '../process-identity.ts';

// Queries use the query builder with table objects, not the relational API, so the database
// handle needs no schema: the platform stays ignorant of the domains' tables.
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DbKind = 'embedded' | 'postgres';

export type Database = {
  db: Db;
  kind: DbKind;
  /** Applies pending migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The embedded database's data directory as a tar archive (PGlite only), for `initialData`. */
  dump?: () => Promise<Blob>;
};

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export type DatabaseOptions = {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** postgres:// URL `migrate()` connects to instead of `url`: a role that owns the schema, so `url`'s role needs only DML. */
  migrateUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** An in-memory PGlite starts from this dump of a data directory (`Database.dump()`) instead of an empty cluster. */
  initialData?: Blob | undefined;
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10, opts.migrateUrl);
  return openPglite(opts.dataDir, opts.initialData);
}

/** The database the configuration names: PostgreSQL at DATABASE_URL, else the embedded one in DATA_DIR. */
export function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'migrateDatabaseUrl' | 'dataDir'>): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, migrateUrl: config.migrateDatabaseUrl, dataDir: config.dataDir });
}

export class DatabaseBusyError extends Error {
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is in use by another DiploDesk process (pid ${pid}). Stop it first, or use the API of the running server.`);
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'diplodesk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) throw new DatabaseBusyError(dataDir, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

async function openPglite(dataDir: string | undefined, initialData?: Blob): Promise<Database> {
  let unlock: () => void = () => {};
  if (dataDir && !dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  // The database lives in its own sub-folder, so DATA_DIR can also hold the key file and, later,
  // stored attachments without mixing them into PostgreSQL's data directory.
  const pgData = dataDir && !dataDir.startsWith('memory://') ? path.join(dataDir, 'pgdata') : dataDir;
  const client = await PGlite.create({ dataDir: pgData, extensions: { pg_trgm }, ...(initialData && !dataDir ? { loadDataDir: initialData } : {}) }).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder });
    },
    close: async () => {
      await client.close();
      unlock();
    },
    dump: () => client.dumpDataDir('none'),
  };
}

async function openPostgres(url: string, poolSize: number, migrateUrl?: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      // A separate migration login is used for this step only and closed at once: the running
      // application never holds a connection that may change the schema.
      const owner = migrateUrl ? new pg.Client({ connectionString: migrateUrl }) : null;
      if (owner) owner.on('error', () => undefined);
      const conn = owner ?? (await pool.connect());
      if (owner) await owner.connect();
      try {
        // Several instances may start together; one migrates while the others wait.
        await conn.query('select pg_advisory_lock(7410001)');
        await migratePg(drizzlePg(conn), { migrationsFolder });
      } finally {
        await conn.query('select pg_advisory_unlock(7410001)').catch(() => undefined);
        if (owner) await owner.end().catch(() => undefined);
        else (conn as pg.PoolClient).release();
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Rows of a raw query, whichever driver ran it. */
export async function queryRows<T>(exec: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await exec.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

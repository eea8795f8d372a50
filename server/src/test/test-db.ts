import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { templateData } from './embedded-template.ts';

export const testDatabaseKind: 'embedded' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'embedded';
/** A superuser connection to the test PostgreSQL server (creates and drops the test databases). */
export const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = Database & { url: string | undefined; drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
 * named for this run (dropped afterwards) when TEST_DATABASE=postgres.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind === 'embedded') {
    const database = await openDatabase({ dataDir: undefined, initialData: templateData() ?? undefined });
    await database.migrate();
    return { ...database, url: undefined, drop: () => database.close() };
  }
  const name = `diplodesk_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

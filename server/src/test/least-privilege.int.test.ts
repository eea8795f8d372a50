// The least-privilege PostgreSQL set-up of docs/operations.md, run for real: a migration role owns
// the schema, the application's role has only DML. With MIGRATE_DATABASE_URL the app migrates over
// the owner's login and then works as the DML-only role, which may not change the schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { adminEmail, adminPassword, signInAs, testConfig } from './test-app.ts';
import { adminUrl, testDatabaseKind } from './test-db.ts';
import { loadConfig } from '../platform/config/config.ts';
import { createInProcessBus } from '../platform/events/index.ts';
import { type Database, openDatabase } from '../platform/db/client.ts';

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const dbName = `diplodesk_lp_${suffix}`;
const migrator = `dd_migrator_${suffix}`;
const app = `dd_app_${suffix}`;
const migratorPassword = randomBytes(12).toString('hex');
const appPassword = randomBytes(12).toString('hex');

function urlFor(role: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function asAdmin<T>(database: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function sqlError(run: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return run.then(
    () => ({ message: 'no error' }),
    (e: unknown) => e as { code?: string; message: string },
  );
}

describe('a separate migration role (MIGRATE_DATABASE_URL)', () => {
  it('is refused without DATABASE_URL: the embedded database has one user', () => {
    expect(() => loadConfig({ MIGRATE_DATABASE_URL: 'postgres://owner@db/diplodesk' })).toThrow(/MIGRATE_DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/diplodesk', MIGRATE_DATABASE_URL: 'postgres://owner@db/diplodesk' }).migrateDatabaseUrl).toBe('postgres://owner@db/diplodesk');
  });
});

// Roles and logins exist only on a PostgreSQL server; the embedded run has the test above.
const describeOnPostgres = testDatabaseKind === 'postgres' ? describe : () => undefined;

describeOnPostgres('the application as a DML-only PostgreSQL role', () => {
  let database: Database;

  beforeAll(async () => {
    await asAdmin('postgres', async (c) => {
      await c.query(`create role ${migrator} login password '${migratorPassword}'`);
      await c.query(`create role ${app} login password '${appPassword}'`);
      await c.query(`create database ${dbName} owner ${migrator}`);
      await c.query(`revoke all on database ${dbName} from public`);
      await c.query(`grant connect on database ${dbName} to ${app}`);
    });
    await asAdmin(dbName, async (c) => {
      // The schema belongs to the migration role; the app may use it, not create in it.
      await c.query(`alter schema public owner to ${migrator}`);
      await c.query(`revoke create on schema public from public`);
      await c.query(`grant usage on schema public to ${app}`);
      await c.query(`alter default privileges for role ${migrator} in schema public grant select, insert, update, delete on tables to ${app}`);
      await c.query(`alter default privileges for role ${migrator} in schema public grant usage, select on sequences to ${app}`);
    });
    database = await openDatabase({ url: urlFor(app, appPassword), migrateUrl: urlFor(migrator, migratorPassword), poolSize: 3 });
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await asAdmin('postgres', async (c) => {
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.query(`drop role if exists ${app}`);
      await c.query(`drop role if exists ${migrator}`);
    });
  });

  it('migrates over the owner login, then starts, signs in and writes as the DML-only role', async () => {
    await database.migrate();
    const owners = await asAdmin(dbName, async (c) => (await c.query<{ owner: string }>(`select distinct tableowner as owner from pg_tables where schemaname = 'public'`)).rows.map((r) => r.owner));
    expect(owners).toEqual([migrator]);

    const bus = createInProcessBus();
    const { app: server, ctx } = await buildApp({ config: testConfig(), database, bus, logger: pino({ level: 'silent' }) });
    try {
      await initialiseWorkspace(ctx);
      const admin = await signInAs(server, adminEmail, adminPassword);
      const me = await admin.get('/api/v1/me');
      expect(me.statusCode).toBe(200);
      // Signing in wrote a session and an audit entry (the chain head locked and moved) as the app role.
      const signedIn = (await admin.get('/api/v1/audit?action=auth.signed-in')).json().items as unknown[];
      expect(signedIn.length).toBeGreaterThan(0);
      const verify = await admin.get('/api/v1/audit/verify');
      expect(verify.json()).toMatchObject({ ok: true });
      expect(verify.json().checked).toBeGreaterThan(0);
    } finally {
      await server.close();
      await bus.close();
    }
    // A second start finds nothing to migrate and does not need the owner for anything else.
    await database.migrate();
  });

  it('refuses every schema change to the application role', async () => {
    const c = new pg.Client({ connectionString: urlFor(app, appPassword) });
    await c.connect();
    try {
      const who = await c.query<{ current_user: string }>('select current_user');
      expect(who.rows[0]?.current_user).toBe(app);
      for (const ddl of ['create table probe (id int)', 'drop table audit_log', 'alter table audit_log add column x int', 'truncate audit_log', 'create schema probe']) {
        const error = await sqlError(c.query(ddl));
        // 42501 insufficient_privilege; dropping or altering someone else's table says "must be owner".
        expect(error.code, `${ddl}: ${error.message}`).toBe('42501');
      }
      // DML it has: reads and writes work.
      const count = await c.query<{ n: number }>('select count(*)::int as n from audit_log');
      expect(count.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
  });
});

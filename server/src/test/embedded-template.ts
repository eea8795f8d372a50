// A migrated, empty embedded database, dumped once per test run: every test file's in-memory
// PGlite starts from it instead of running initdb (≈ 3 s of CPU each; loading the dump ≈ 1 s).
// The archive is named after the migrations it holds and the PGlite version that wrote it, so a
// schema change or an upgrade builds a new one.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder, openDatabase } from '../platform/db/index.ts';

/** Where the dump of the current migrations lives. */
export function templatePath(): string {
  const hash = createHash('sha256');
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(fs.readFileSync(pglite));
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return path.join(os.tmpdir(), `diplodesk-test-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Builds the dump unless this run's migrations already have one; returns its path. */
export async function ensureTemplate(): Promise<string> {
  const target = templatePath();
  if (fs.existsSync(target)) return target;
  const database = await openDatabase({ dataDir: undefined });
  try {
    await database.migrate();
    const dump = await database.dump?.();
    if (!dump) throw new Error('the embedded database cannot be dumped');
    // Written aside, then renamed: a concurrent run never reads half an archive.
    const partial = `${target}.${process.pid}.partial`;
    fs.writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    fs.renameSync(partial, target);
  } finally {
    await database.close();
  }
  return target;
}

let loaded: Blob | null | undefined;

/** The dump for this run, read once per test process; null when none was built (the file then migrates itself). */
export function templateData(): Blob | null {
  if (loaded !== undefined) return loaded;
  const file = process.env.DIPLODESK_TEST_TEMPLATE;
  loaded = file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : null;
  return loaded;
}

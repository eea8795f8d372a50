// Vitest global setup of the browser tests: one prepared data folder per run. A server is started
// once on an empty folder with the plain demo set-up (initdb, migrations, first run, demo seed —
// about 20 s of CPU), stopped cleanly, and every test file's server then starts on its own copy
// of the folder (about 8 s). Each file still has its own server and database: nothing a file
// changes is seen by another. Test processes inherit the path through the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoServerEnv } from './harness.ts';
import { freePort, startServerProcess } from '../server/src/test/server-process.ts';

export default async function setup(): Promise<() => void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-e2e-template-'));
  const port = await freePort();
  const server = await startServerProcess(demoServerEnv(dataDir, `http://127.0.0.1:${port}`), port, 180_000);
  // SIGTERM: the server closes the embedded database, so the folder is consistent when copied.
  await server.kill('SIGTERM');
  process.env.DIPLODESK_E2E_TEMPLATE = dataDir;
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}

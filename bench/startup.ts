// Cold start (empty data folder: PGlite init, migrations, demo workspace) and warm start of
// `diplodesk start` until /readyz answers, against a bare Fastify process started the same way
// (Node 24 + tsx) as the baseline. Issue goal: cold start under 15 s on these 2-core machines.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server/src/test/server-process.ts';
import { repoRoot } from '../server/src/test/cli-process.ts';

async function timeUntilReady(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      try {
        if ((await fetch(url)).ok) return (performance.now() - started) / 1000;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

export async function benchStartup(): Promise<Record<string, unknown>> {
  // The baseline lives in .tmp/ so it resolves fastify from the project's node_modules.
  const bareScript = path.join(repoRoot, '.tmp', `bare-fastify-${process.pid}.mjs`);
  fs.mkdirSync(path.dirname(bareScript), { recursive: true });
  fs.writeFileSync(bareScript, "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/readyz', async () => ({ status: 'ready' }));\nawait app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });\n");
  const port = await freePort();
  const bare = await timeUntilReady(['--import', 'tsx', bareScript], { PORT: String(port) }, `http://127.0.0.1:${port}/readyz`);
  fs.rmSync(bareScript);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-startup-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', NATS_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST: path.join(repoRoot, 'web/dist') };
  const args = [path.join(repoRoot, 'bin/diplodesk.mjs'), 'start'];
  const cold = await timeUntilReady(args, env, `http://127.0.0.1:${port}/readyz`);
  const warm = await timeUntilReady(args, env, `http://127.0.0.1:${port}/readyz`);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const base = { bench: 'startup', baselineBareFastifySeconds: Number(bare.toFixed(2)) };
  console.log(JSON.stringify({ ...base, run: 'cold (new data folder, demo workspace)', seconds: Number(cold.toFixed(2)), ratioToBaseline: Number((cold / bare).toFixed(2)), goalSeconds: 15, meetsGoal: cold < 15 }));
  console.log(JSON.stringify({ ...base, run: 'warm (existing data folder)', seconds: Number(warm.toFixed(2)), ratioToBaseline: Number((warm / bare).toFixed(2)) }));
  return { cold, warm, bare };
}

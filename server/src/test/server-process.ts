import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from './cli-process.ts';
import { TEST_PASSWORD_HASH_COST } from './password-cost.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type ServerProcess = { child: ChildProcess; url: string; output: () => string; kill(signal: NodeJS.Signals): Promise<void> };

const running = new Set<ChildProcess>();
// A test run that ends without stopping its servers (a failed setup, a crash) must not leave them
// running: they would hold ports and CPU for every later run on the machine.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `diplodesk start` as a real process and waits until /readyz answers. */
export async function startServerProcess(env: NodeJS.ProcessEnv, port: number, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/diplodesk.mjs'), 'start', `--port=${port}`], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST, API_RATE_PER_MINUTE: '10000000', PUBLIC_RATE_PER_MINUTE: '10000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => out,
    kill: (signal) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Signs in over HTTP and returns headers for further calls (cookie + CSRF token). */
export async function httpSignIn(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  return { cookie: `dd_session=${cookies.dd_session}`, 'x-csrf-token': cookies.dd_csrf ?? '', 'content-type': 'application/json' };
}

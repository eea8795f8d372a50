// What the crash tests share: a seeded random source for kill moments and faults, a DiploDesk child
// process that reports its state on a status port, and killing it hard. Each crash test keeps only
// what it checks (ingest, publishing, alert delivery); the child side is `crash-status.ts`.
import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot, typeScriptExecArgv } from './cli-process.ts';
import { seededRandom } from '@diplodesk/analysis';

export { seededRandom };

export interface CrashChild {
  proc: ChildProcess;
  /** The last 20,000 characters the child wrote, for the message of a failure. */
  output(): string;
  /** The child's status answer (JSON), or null while it does not answer. */
  status<T>(): Promise<T | null>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the child stops cleanly), and resolves once the process is gone. */
  stop(): Promise<void>;
}

export const exited = (proc: ChildProcess): Promise<void> =>
  new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));

async function readStatus<T>(port: number): Promise<T | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}

/**
 * Starts `script` (a TypeScript file run as DiploDesk runs it) with `env` over this process's
 * environment, and resolves once it answers on `statusPort`. A child that exits or does not answer
 * within `readyMs` is killed and the failure carries its output.
 */
export async function startCrashChild(script: string, env: Record<string, string>, statusPort: number, readyMs = 60_000): Promise<CrashChild> {
  const proc = spawn(process.execPath, [...typeScriptExecArgv(), script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, CRASH_STATUS_PORT: String(statusPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  proc.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)));
  const signal = (name: NodeJS.Signals) => () => {
    const gone = exited(proc);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(name);
    return gone;
  };
  const child: CrashChild = { proc, output: () => out, status: () => readStatus(statusPort), kill: signal('SIGKILL'), stop: signal('SIGTERM') };
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`child exited with ${proc.exitCode}:\n${out}`);
    if ((await child.status()) !== null) return child;
    if (Date.now() > deadline) {
      await child.kill();
      throw new Error(`child not ready within ${readyMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls the child's status until `done` holds; fails with the last status and the child's output after `timeoutMs`. */
export async function waitForStatus<T>(child: CrashChild, done: (status: T) => boolean, what: string, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await child.status<T>();
    if (status !== null && done(status)) return status;
    if (child.proc.exitCode !== null) throw new Error(`child exited with ${child.proc.exitCode} before ${what}:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms: ${JSON.stringify(status)}\n${child.output()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

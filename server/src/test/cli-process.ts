import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PASSWORD_HASH_COST } from './password-cost.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type ProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs `diplodesk <args>` as a separate process, the way an operator would. */
export function runDiplodesk(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/diplodesk.mjs'), ...args], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Node arguments that run a TypeScript file of ours in a child process the way `diplodesk` runs
 * its sources: the start-up resolve hook, and tsx only on a Node that cannot strip types.
 */
export function typeScriptExecArgv(): string[] {
  return ['--import', path.join(repoRoot, 'bin/fast-resolve.mjs'), ...(process.features.typescript ? [] : ['--import', 'tsx'])];
}

// `npm start`: builds the web app when it is missing or older than its sources, then starts
// DiploDesk (all roles, embedded database unless DATABASE_URL is set).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '../bin/fast-resolve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'web/src'), path.join(root, 'packages/contracts/src')];
const builtAt = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
if (!process.env.WEB_DIST && Math.max(...sources.map(newestMtime)) > builtAt) {
  process.stdout.write('Building the web app (only when its sources changed)…\n');
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'web'), stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (!process.features.typescript) (await import('tsx/esm/api')).register();
const { main } = await import('../server/src/main.ts');
const { ConfigError } = await import('../server/src/platform/config/config.ts');
// `npm run dev` is `npm start` (the web app is rebuilt above when its sources changed); its flag is ours, not the server's.
main(process.argv.slice(2).filter((arg) => arg !== '--dev')).catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err?.stack ?? String(err))}\n`);
  process.exit(1);
});

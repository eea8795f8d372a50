// Fails when the Drizzle schema and the committed migrations differ: regenerates migrations into
// a scratch copy and checks that nothing new appears.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// drizzle-kit resolves `out` relative to the working directory, so the scratch copy lives in .tmp/.
const scratchRel = path.join('.tmp', `drift-${process.pid}`);
const scratch = path.join(root, scratchRel);
const out = path.join(scratch, 'migrations');
fs.mkdirSync(scratch, { recursive: true });
fs.cpSync(path.join(root, 'server/migrations'), out, { recursive: true });
const config = path.join(scratch, 'drizzle.config.mjs');
fs.writeFileSync(config, `export default { dialect: 'postgresql', schema: ${JSON.stringify(path.join(root, 'server/src/schema.ts'))}, out: ${JSON.stringify(path.join(scratchRel, 'migrations'))} };\n`);
const list = (dir) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
const before = list(out);
const res = spawnSync(process.execPath, [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', config], { cwd: root, encoding: 'utf8' });
if (res.status !== 0 || /Error:/.test(res.stdout + res.stderr)) {
  fs.rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(res.stdout + res.stderr);
  process.exit(1);
}
const added = list(out).filter((f) => !before.includes(f));
fs.rmSync(scratch, { recursive: true, force: true });
if (added.length > 0) {
  process.stderr.write(`Migration drift: the schema has changes with no migration (${added.join(', ')}). Run npm run db:generate and commit the result.\n`);
  process.exit(1);
}
process.stdout.write('Migrations match the schema.\n');

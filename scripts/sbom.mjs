// `npm run sbom [-- <file>]`: the CycloneDX SBOM of what DiploDesk ships (runtime dependencies of
// every workspace, no dev tools), from package-lock.json and node_modules — no network needed.
// Default output: .tmp/sbom.cdx.json. See docs/dependencies.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.tmp/sbom.cdx.json'));
// Under `npm run`, the npm that runs us; otherwise the one on PATH.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const result = spawnSync(npm[0], [...npm.slice(1), 'sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--offline'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (result.status !== 0) {
  process.stderr.write(`npm sbom failed (exit ${result.status ?? result.signal})\n`);
  process.exit(1);
}
const bom = JSON.parse(result.stdout);
if (bom.bomFormat !== 'CycloneDX' || !Array.isArray(bom.components)) {
  process.stderr.write('npm sbom did not produce a CycloneDX document\n');
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
process.stdout.write(`${path.relative(root, out) || out}: CycloneDX ${bom.specVersion}, ${bom.components.length} components\n`);

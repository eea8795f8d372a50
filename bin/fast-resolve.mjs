// A resolve hook for start-up time. For every file an ES module imports, Node re-reads the
// package's scope (its package.json, exports map and all) to decide the file's format; for a
// package with a large exports map (drizzle-orm's is 179 KB, 447 entries) that is most of the
// cost of importing it — about one second per process on our machines. Relative imports of `.js`
// and `.mjs` files from ES modules inside node_modules are resolved here instead, with the
// nearest package.json read once per folder. Anything else (bare specifiers, CommonJS, files that
// do not exist, packages without "type": "module") goes to Node's own resolution unchanged.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** folder → "type" of its nearest package.json ('commonjs' when it has none). */
const scopeType = new Map();

function nearestType(dir) {
  if (scopeType.has(dir)) return scopeType.get(dir);
  let type;
  const manifest = path.join(dir, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      // Only the "type" field matters here; a manifest that does not parse is Node's to report.
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      type = typeof parsed.type === 'string' ? parsed.type : 'commonjs';
    } catch {
      type = 'unknown';
    }
  } else {
    const parent = path.dirname(dir);
    type = parent === dir ? 'commonjs' : nearestType(parent);
  }
  scopeType.set(dir, type);
  return type;
}

function resolve(specifier, context, nextResolve) {
  const parentURL = context.parentURL;
  if (
    parentURL?.startsWith('file:') &&
    parentURL.includes('/node_modules/') &&
    (specifier.startsWith('./') || specifier.startsWith('../')) &&
    (specifier.endsWith('.js') || specifier.endsWith('.mjs')) &&
    context.conditions?.includes('import')
  ) {
    const file = fileURLToPath(new URL(specifier, parentURL));
    if ((file.endsWith('.mjs') || nearestType(path.dirname(file)) === 'module') && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      return { url: pathToFileURL(file).href, format: 'module', shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

// registerHooks arrived in Node 22.15; on an older Node start-up is only slower.
if (typeof module.registerHooks === 'function') module.registerHooks({ resolve });

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Permission checks live in this folder only: code elsewhere asks `can`/`requirePermission`/
// `rolesAt`, which always intersect the caller's roles with a token's scopes. Reading a
// principal's roles directly is how a `statement.read` token once approved a statement. The
// Principal type hides them under a private key; this test also catches the ways around it.
const here = path.dirname(fileURLToPath(import.meta.url));
const serverSrc = path.resolve(here, '../..');

const forbidden: { pattern: RegExp; why: string }[] = [
  { pattern: /\b(?:p|principal|caller|req\.principal|request\.principal)\??\.memberships\b/, why: "reads a principal's memberships" },
  { pattern: /\b(?:p|principal|caller|req\.principal|request\.principal)\s*\[/, why: 'indexes into a principal' },
  { pattern: /getOwnPropertySymbols|Reflect\.ownKeys/, why: 'enumerates hidden keys' },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === here ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function roleReads(files: readonly { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => forbidden.filter((f) => f.pattern.test(line)).map((f) => `${file}:${i + 1} ${f.why}: ${line.trim()}`)),
  );
}

describe('roles are read only through platform/authz', () => {
  it('no code outside platform/authz reads or enumerates a principal’s roles', () => {
    const files = sourceFiles(serverSrc).map((file) => ({ file: path.relative(serverSrc, file), text: fs.readFileSync(file, 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    expect(roleReads(files)).toEqual([]);
  });

  it('would catch the old way of matching approvers', () => {
    const old = 'return new Set(p.memberships.filter((m) => isWithin(unitPath, m.unitPath)).map((m) => m.role));';
    expect(roleReads([{ file: 'statement-access.ts', text: old }])).toHaveLength(1);
    expect(roleReads([{ file: 'x.ts', text: 'const [k] = Object.getOwnPropertySymbols(principal);' }])).toHaveLength(1);
    expect(roleReads([{ file: 'x.ts', text: 'presentUser(p, user, memberships, rootPath)' }])).toEqual([]);
  });
});

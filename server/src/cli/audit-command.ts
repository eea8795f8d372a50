import fs from 'node:fs';
import type { Command } from 'commander';
import { inArray } from 'drizzle-orm';
import { type ChainVerification, verifyAuditChain } from '../platform/audit/audit.ts';
import { checkPublishedCheckpoint, type PublishedCheckpoint } from '../platform/audit/checkpoints.ts';
import type { PlatformContext } from '../platform/context.ts';
import type { Jwks } from '../platform/crypto/signing/signing-keys.ts';
import { auditLog } from '../platform/db/platform.tables.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

/** The checkpoints could not be read at all (unreachable, not JSON, not a checkpoint list). */
class CheckpointSourceError extends Error {}

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

// The operator names these addresses on the command line (their own server or a copy they trust):
// a plain fetch is right here, unlike addresses that reach the server from users.
async function readJson(source: string): Promise<unknown> {
  let text: string;
  if (isHttpUrl(source)) {
    let res: Response;
    try {
      res = await fetch(source, { signal: AbortSignal.timeout(20_000), headers: { accept: 'application/json' } });
    } catch (err) {
      throw new CheckpointSourceError(`cannot reach ${source}: ${(err as Error).message}`);
    }
    if (res.status !== 200) throw new CheckpointSourceError(`${source} answered ${res.status}`);
    text = await res.text();
  } else {
    try {
      text = fs.readFileSync(source, 'utf8');
    } catch (err) {
      throw new CheckpointSourceError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckpointSourceError(`${source} is not JSON`);
  }
}

type CheckpointPage = { jwks?: string; items: PublishedCheckpoint[]; nextBefore: number | null };

function asPage(value: unknown, from: string): CheckpointPage {
  const v = value as Partial<CheckpointPage> | null;
  if (!v || !Array.isArray(v.items)) throw new CheckpointSourceError(`${from} is not a list of audit checkpoints ({ "items": [...] })`);
  const items = v.items.filter((c): c is PublishedCheckpoint => typeof c === 'object' && c !== null && typeof c.seq === 'number' && typeof c.hash === 'string' && typeof c.payload === 'string' && typeof c.jws === 'string');
  return { ...(typeof v.jwks === 'string' ? { jwks: v.jwks } : {}), items, nextBefore: typeof v.nextBefore === 'number' ? v.nextBefore : null };
}

/** Every published checkpoint: follows `nextBefore` pages for a URL; a file holds them all. */
async function loadCheckpoints(source: string): Promise<{ items: PublishedCheckpoint[]; jwksHint: string | undefined }> {
  const first = asPage(await readJson(source), source);
  const items = [...first.items];
  let next = isHttpUrl(source) ? first.nextBefore : null;
  while (next !== null) {
    const url = new URL(source);
    url.searchParams.set('before', String(next));
    const page = asPage(await readJson(url.toString()), url.toString());
    items.push(...page.items);
    next = page.nextBefore !== null && page.nextBefore < next ? page.nextBefore : null;
  }
  const jwksHint = first.jwks && isHttpUrl(source) ? new URL(first.jwks, source).toString() : undefined;
  return { items, jwksHint };
}

async function loadJwks(source: string): Promise<Jwks> {
  const keys = (await readJson(source) as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new CheckpointSourceError(`${source} is not a JWKS ({ "keys": [...] })`);
  return { keys: keys.filter((k): k is Jwks['keys'][number] => typeof k === 'object' && k !== null && typeof (k as { kid?: unknown }).kid === 'string') };
}

type CheckpointMismatch = { seq: number; reason: string };

/**
 * Compares the local chain with the published checkpoints, oldest first: every checkpoint must be
 * signed by a key of the JWKS and name the hash the local chain has at its position.
 */
export async function compareWithCheckpoints(ctx: PlatformContext, checkpoints: PublishedCheckpoint[], jwks: Jwks): Promise<{ chain: ChainVerification; checked: number; mismatch: CheckpointMismatch | null }> {
  const chain = await verifyAuditChain(ctx.db);
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const local = new Map<number, string>();
  for (let i = 0; i < sorted.length; i += 500) {
    const seqs = sorted.slice(i, i + 500).map((c) => c.seq);
    for (const r of await ctx.db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(inArray(auditLog.seq, seqs))) local.set(r.seq, r.hash);
  }
  let checked = 0;
  for (const c of sorted) {
    const check = await checkPublishedCheckpoint(jwks, c);
    if (!check.valid) return { chain, checked, mismatch: { seq: c.seq, reason: `checkpoint not genuine: ${check.reason}` } };
    const hash = local.get(c.seq);
    if (hash === undefined) return { chain, checked, mismatch: { seq: c.seq, reason: 'the local log has no entry at this position (entries removed)' } };
    if (hash !== c.hash) return { chain, checked, mismatch: { seq: c.seq, reason: `the local log's hash ${hash} differs from the signed ${c.hash} (the log was rewritten)` } };
    checked += 1;
  }
  return { chain, checked, mismatch: null };
}

function reportChain(io: Io, result: ChainVerification): void {
  if (result.ok) io.out(`Audit chain intact: ${result.checked} entries verified.`);
  else io.err(`Audit chain BROKEN at entry #${result.firstBrokenSeq}${result.firstBrokenId ? ` (id ${result.firstBrokenId})` : ''}: ${result.reason}. ${result.checked} entries before it verified.`);
}

/** `diplodesk audit verify [--checkpoints <url|file>]`. */
export function registerAuditCommand(program: Command, io: Io, withDatabase: WithDatabase, setExitCode: (code: number) => void): void {
  const audit = program.command('audit').description('Audit trail tools.');
  audit
    .command('verify')
    .description('Recompute the hash chain of the audit log; exit code 1 if any entry was altered or removed, or (with --checkpoints) if the log disagrees with a signed checkpoint.')
    .option('--checkpoints <url|file>', 'signed checkpoints to compare with (e.g. https://ministry.example/api/v1/public/audit/checkpoints, or a saved copy)')
    .option('--jwks <url|file>', 'key set for the checkpoint signatures (default: the one the checkpoint list names)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { checkpoints?: string; jwks?: string; json?: boolean }) => {
      if (!opts.checkpoints) {
        const result = await withDatabase((ctx) => verifyAuditChain(ctx.db));
        if (opts.json) io.out(JSON.stringify(result));
        else reportChain(io, result);
        setExitCode(result.ok ? 0 : 1);
        return;
      }
      const source = opts.checkpoints;
      try {
        const { items, jwksHint } = await loadCheckpoints(source);
        const jwksSource = opts.jwks ?? jwksHint;
        if (!jwksSource) throw new CheckpointSourceError('--jwks: give the key set (a file or URL) for checkpoints read from a file');
        const jwks = await loadJwks(jwksSource);
        const { chain, checked, mismatch } = await withDatabase((ctx) => compareWithCheckpoints(ctx, items, jwks));
        if (opts.json) io.out(JSON.stringify({ ...chain, checkpoints: { source, total: items.length, checked, mismatch } }));
        else {
          reportChain(io, chain);
          if (mismatch) io.err(`Audit log DISAGREES with checkpoint #${mismatch.seq}: ${mismatch.reason}. ${checked} checkpoints before it agree.`);
          else io.out(`Audit log agrees with ${checked} signed checkpoints from ${source}.`);
        }
        setExitCode(chain.ok && !mismatch ? 0 : 1);
      } catch (err) {
        if (!(err instanceof CheckpointSourceError)) throw err;
        io.err(`Cannot check the checkpoints: ${err.message}`);
        setExitCode(2);
      }
    });
}

import fs from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { loadConfig, loadDotEnv } from '../platform/config/config.ts';
import { verifyStatement } from '../platform/crypto/signing/sign-statement.ts';
import type { Jwks } from '../platform/crypto/signing/signing-keys.ts';
import { asSignedRecord, type SignedRecord, verifyWithdrawal, type WithdrawalCheck } from '../platform/crypto/signing/withdrawal.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

/** Exit codes of `diplodesk verify`: scripts can rely on them. */
export const verifyExit = { genuine: 0, notGenuine: 1, usage: 2 } as const;

/** The input could not be checked at all (bad arguments, unreadable file, unreachable server). */
class UsageError extends Error {}

type DiffPart = { op: 'equal' | 'added' | 'removed'; text: string };
type ApiResult = {
  verdict: 'genuine' | 'modified' | 'no-match';
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  entry: { url: string; title: string; language: string; publishedAt: string; kid: string } | null;
  signature: { valid: boolean; kid: string | null; reason: string | null } | null;
  diff: DiffPart[] | null;
  withdrawal?: WithdrawalCheck | null;
};

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

function parseServer(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin;
  } catch {
    throw new UsageError(`--server: "${value}" is not an http(s) URL`);
  }
}

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new UsageError(`cannot reach ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new UsageError(`${url} answered ${res.status} with something that is not JSON`);
  }
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function asJwks(value: unknown, from: string): Jwks {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new UsageError(`${from} is not a JWKS ({ "keys": [...] })`);
  return { keys: keys.filter((k): k is Jwks['keys'][number] => typeof k === 'object' && k !== null && typeof (k as { kid?: unknown }).kid === 'string') };
}

async function loadJwksFrom(source: string): Promise<Jwks> {
  if (isHttpUrl(source)) {
    const { status, body } = await fetchJson(source);
    if (status !== 200) throw new UsageError(`${source} answered ${status}`);
    return asJwks(body, source);
  }
  try {
    return asJwks(JSON.parse(readFile(source)), source);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${source} is not JSON`);
  }
}

type Bundle = SignedRecord & { withdrawal: SignedRecord | null };

function parseBundle(text: string): Bundle | null {
  try {
    const v = JSON.parse(text) as { withdrawal?: unknown };
    const record = asSignedRecord(v);
    return record ? { ...record, withdrawal: asSignedRecord(v.withdrawal) } : null;
  } catch {
    return null;
  }
}

const withdrawalFailure = {
  signature: 'its signature does not match it (altered after signing?)',
  'unknown-key': 'it is signed with a key that is not in the key set',
  malformed: 'it is malformed',
  'other-statement': 'it names another statement',
} as const;

/** The line a withdrawal adds to a genuine statement's report; forged ones are named so. */
function describeWithdrawal(w: WithdrawalCheck): string {
  return w.valid ? ` — but WITHDRAWN on ${w.withdrawnAt} by a signed withdrawal: ${w.reason}` : ` — FORGED WITHDRAWAL attached: ${withdrawalFailure[w.failure]}`;
}

/** Word diff as text, git-style: [-removed-] {+added+}. */
export function formatDiff(diff: DiffPart[]): string {
  return diff.map((d) => (d.op === 'added' ? `{+${d.text}+}` : d.op === 'removed' ? `[-${d.text}-]` : d.text)).join('');
}

function describeEntry(entry: NonNullable<ApiResult['entry']>): string {
  return `"${entry.title}" (${entry.language}, published ${entry.publishedAt}) ${entry.url}`;
}

function reportApiResult(io: Io, result: ApiResult): number {
  const withdrawn = result.withdrawal
    ? describeWithdrawal(result.withdrawal)
    : result.withdrawn
      ? ` — WITHDRAWN ${result.withdrawnAt ?? ''} (unsigned notice): ${result.withdrawReason ?? ''}`
      : '';
  if (result.verdict === 'genuine' && result.entry) {
    io.out(`GENUINE: matches ${describeEntry(result.entry)}, signed with key ${result.entry.kid}${withdrawn}`);
    return result.withdrawal && !result.withdrawal.valid ? verifyExit.notGenuine : verifyExit.genuine;
  }
  if (result.verdict === 'modified' && result.entry) {
    const why = result.signature && !result.signature.valid ? `signature does not verify (${result.signature.reason})` : 'text differs from';
    io.out(`MODIFIED: ${why} ${describeEntry(result.entry)}${withdrawn}`);
    if (result.diff?.some((d) => d.op !== 'equal')) io.out(`--- differences ([-genuine only-] {+not in the genuine text+}) ---\n${formatDiff(result.diff)}`);
    return verifyExit.notGenuine;
  }
  io.out('NO MATCH: no statement published on this newsroom matches this text');
  return verifyExit.notGenuine;
}

async function callVerifyApi(server: string, payload: Record<string, unknown>): Promise<ApiResult> {
  const { status, body } = await fetchJson(`${server}/api/v1/public/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  if (status !== 200) {
    const message = (body as { error?: { message?: string } }).error?.message ?? `HTTP ${status}`;
    throw new UsageError(`${server} refused the check: ${message}`);
  }
  return body as ApiResult;
}

async function verifyBundleOffline(io: Io, bundle: Bundle, jwksSource: string, json: boolean): Promise<number> {
  const jwks = await loadJwksFrom(jwksSource);
  const result = await verifyStatement(jwks, bundle.canonical, bundle.jws);
  // A genuine statement may have been withdrawn since: the withdrawal is a second signed record
  // that must verify with the same key set and name this very statement.
  const withdrawal = bundle.withdrawal ? await verifyWithdrawal(jwks, bundle, bundle.withdrawal) : null;
  const forged = withdrawal !== null && !withdrawal.valid;
  let payload: { title?: unknown; organisation?: unknown; language?: unknown; publishedAt?: unknown } = {};
  try {
    payload = JSON.parse(bundle.canonical) as typeof payload;
  } catch {
    // A payload that is not JSON cannot carry a valid signature of ours either; reported below.
  }
  if (json) io.out(JSON.stringify({ ...result, withdrawal, jwks: jwksSource }));
  else if (result.valid) {
    const line = `GENUINE: signature valid, key ${result.kid} from ${jwksSource} — "${String(payload.title)}" by ${String(payload.organisation)} (${String(payload.language)}, ${String(payload.publishedAt)})`;
    io.out(`${line}${withdrawal ? describeWithdrawal(withdrawal) : ''}`);
  }
  else {
    const why = { signature: 'the signature does not match the text (altered after signing?)', 'unknown-key': 'signed with a key that is not in the key set', malformed: 'the signature is malformed' }[result.reason];
    io.out(`BAD SIGNATURE: ${why} (key set: ${jwksSource})`);
  }
  return result.valid && !forged ? verifyExit.genuine : verifyExit.notGenuine;
}

/** `diplodesk verify <file|url>`: offline for a signed bundle, online (the server's verify API) otherwise. */
export function registerVerifyCommand(program: Command, io: Io, setExitCode: (code: number) => void): void {
  program
    .command('verify')
    .summary('Check that a statement is genuine (exit 0 genuine, 1 not genuine, 2 could not check).')
    .description('Check that a statement is genuine: offline for a downloaded signed bundle, through the verify API for a text file or a newsroom URL.')
    .addHelpText(
      'after',
      [
        '',
        'Inputs:',
        '  bundle.json   a signed statement (canonical + jws, from /api/v1/public/statements/<id>), checked',
        '                offline against --jwks (a file or URL; default <server>/.well-known/jwks.json)',
        '  statement.txt any other text file, sent to the verify API of --server',
        "  https://…     a newsroom page, checked by the verify API of --server (default: that page's own site)",
        '',
        'A withdrawn statement is reported as genuine but withdrawn, with the signed withdrawal checked too;',
        'a forged withdrawal (bad signature, or naming another statement) makes the check fail.',
        '',
        'Exit code 0 genuine, 1 modified / no match / bad signature / forged withdrawal, 2 could not check (usage,',
        'unreadable input, server unreachable). A genuine statement withdrawn by a valid signed withdrawal exits 0.',
      ].join('\n'),
    )
    .argument('<file|url>', 'a text file, a signed bundle, or a newsroom URL')
    .option('--server <url>', 'DiploDesk server whose verify API and key set are used (default: PUBLIC_URL)')
    .option('--jwks <file|url>', 'key set for offline bundle verification')
    .option('--json', 'print the result as JSON')
    .exitOverride((err) => {
      // Bad arguments are usage errors (2), kept apart from "not genuine" (1).
      if (err.exitCode === 0) throw err;
      throw new CommanderError(verifyExit.usage, err.code, err.message);
    })
    .action(async (target: string, opts: { server?: string; jwks?: string; json?: boolean }) => {
      try {
        setExitCode(await runVerify(io, target, opts));
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        io.err(`Cannot verify: ${err.message}`);
        setExitCode(verifyExit.usage);
      }
    });
}

function defaultServer(): string {
  loadDotEnv();
  return loadConfig().publicUrl;
}

async function runVerify(io: Io, target: string, opts: { server?: string; jwks?: string; json?: boolean }): Promise<number> {
  const json = opts.json === true;
  if (isHttpUrl(target)) {
    let origin: string;
    try {
      origin = new URL(target).origin;
    } catch {
      throw new UsageError(`"${target}" is not a valid URL`);
    }
    const server = parseServer(opts.server ?? origin);
    const result = await callVerifyApi(server, { url: target });
    if (json) io.out(JSON.stringify(result));
    return json ? (result.verdict === 'genuine' && result.withdrawal?.valid !== false ? 0 : 1) : reportApiResult(io, result);
  }
  const content = readFile(target);
  const bundle = parseBundle(content);
  if (bundle) {
    const jwksSource = opts.jwks ?? `${parseServer(opts.server ?? defaultServer())}/.well-known/jwks.json`;
    return verifyBundleOffline(io, bundle, jwksSource, json);
  }
  if (!content.trim()) throw new UsageError(`${target} is empty`);
  const server = parseServer(opts.server ?? defaultServer());
  const result = await callVerifyApi(server, { text: content });
  if (json) io.out(JSON.stringify(result));
  return json ? (result.verdict === 'genuine' && result.withdrawal?.valid !== false ? 0 : 1) : reportApiResult(io, result);
}

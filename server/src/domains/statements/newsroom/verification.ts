import { diffWords } from 'diff';
import type { Config } from '../../../platform/config/config.ts';
import { loadJwks } from '../../../platform/crypto/signing/key-store.ts';
import { type VerifyResult, verifyStatement } from '../../../platform/crypto/signing/sign-statement.ts';
import type { Jwks } from '../../../platform/crypto/signing/signing-keys.ts';
import { asSignedRecord, type SignedRecord, verifyWithdrawal, type WithdrawalCheck } from '../../../platform/crypto/signing/withdrawal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import * as repo from './newsroom.repo.ts';
import type { NewsroomEntryRow } from './newsroom.tables.ts';
import { entryUrl } from './record-signed-statement.ts';
import { canonicalLanguage, comparableText, containment, lookupVariants, searchTerms, similarity, sha256Hex, words } from './text.ts';
import { publicCache } from './public-cache.ts';

export type Verdict = 'genuine' | 'modified' | 'no-match';
export type DiffPart = { op: 'equal' | 'added' | 'removed'; text: string };

export type VerificationResult = {
  verdict: Verdict;
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  /** The matched entry (genuine or the closest one for "modified"); null for no-match. */
  entry: { id: string; url: string; title: string; language: string; publishedAt: string; kid: string } | null;
  /** Signature check of the signed payload that decided the verdict, when there was one. */
  signature: { valid: boolean; kid: string | null; reason: 'signature' | 'unknown-key' | 'malformed' | null } | null;
  /** Word-level differences, genuine text → checked text ("removed" is missing, "added" was inserted). */
  diff: DiffPart[] | null;
  similarity: number | null;
  /**
   * The signed withdrawal, checked: valid (with its signed reason and time) or why not — a forged
   * one, or one that names another statement. Null when there is none.
   */
  withdrawal: WithdrawalCheck | null;
};

/** Why an input cannot be checked at all: the API answers 400 with this reason, the page a message. */
export class VerifyInputError extends Error {
  readonly reason: 'empty' | 'foreign-url' | 'bad-url' | 'bad-bundle';

  constructor(reason: 'empty' | 'foreign-url' | 'bad-url' | 'bad-bundle', message: string) {
    super(message);
    this.reason = reason;
  }
}

// Below this word-trigram overlap two texts are treated as unrelated, not as a modified copy.
const matchThreshold = 0.3;
const candidateLimit = 25;
// With `excerpts`: a text of at least this many words whose 3-grams lie mostly inside one statement is a (possibly edited) excerpt of it.
const excerptMinWords = 12;
const excerptThreshold = 0.6;

export type VerifyTextOptions = {
  /** Also match a text that quotes part of a statement (the integrity detector's quoted copies); the public verify page compares whole texts. */
  excerpts?: boolean;
};
const fallbackScan = 200;

type SignedPayload = { id: string; title: string; body: string; language: string; publishedAt: string };

function parseSigned(canonical: string): SignedPayload | null {
  try {
    const value = JSON.parse(canonical) as Partial<Record<keyof SignedPayload, unknown>>;
    if (typeof value.id !== 'string' || typeof value.title !== 'string' || typeof value.body !== 'string' || typeof value.language !== 'string' || typeof value.publishedAt !== 'string') return null;
    return { id: value.id, title: value.title, body: value.body, language: value.language, publishedAt: value.publishedAt };
  } catch {
    return null;
  }
}

function presentEntry(config: Config, row: NewsroomEntryRow): NonNullable<VerificationResult['entry']> {
  return { id: row.id, url: entryUrl(config, row), title: row.title, language: row.language, publishedAt: row.publishedAt.toISOString(), kid: row.kid };
}

function signatureOf(result: VerifyResult): NonNullable<VerificationResult['signature']> {
  return result.valid ? { valid: true, kid: result.kid, reason: null } : { valid: false, kid: null, reason: result.reason };
}

function result(verdict: Verdict, config: Config, row: NewsroomEntryRow | null, extra: Partial<VerificationResult> = {}): VerificationResult {
  return {
    verdict,
    withdrawn: row?.withdrawnAt != null,
    withdrawnAt: row?.withdrawnAt?.toISOString() ?? null,
    withdrawReason: row?.withdrawReason ?? null,
    entry: row ? presentEntry(config, row) : null,
    signature: null,
    diff: null,
    similarity: null,
    withdrawal: null,
    ...extra,
  };
}

/** The withdrawal attached to a bundle, else the stored one of the entry, checked against the statement. */
async function withdrawalOf(jwks: Jwks, statement: SignedRecord, row: NewsroomEntryRow | null, attached: SignedRecord | null = null): Promise<WithdrawalCheck | null> {
  const record = attached ?? (row?.withdrawalCanonical && row.withdrawalJws ? { canonical: row.withdrawalCanonical, jws: row.withdrawalJws } : null);
  return record ? verifyWithdrawal(jwks, statement, record) : null;
}

/** Word-level diff of two texts in their comparable form, merged into runs. */
export function wordDiff(genuine: string, checked: string): DiffPart[] | null {
  // Two long, very different texts make the diff quadratic; past the budget no diff is shown
  // (the verdict stands) rather than holding a public endpoint's worker.
  const changes = diffWords(comparableText(genuine), comparableText(checked), { timeout: 1_000 });
  return changes ? changes.map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'equal', text: c.value })) : null;
}

/** An entry's own signature over its stored canonical payload, and that payload's agreement with the row. */
async function checkEntry(jwks: Jwks, row: NewsroomEntryRow): Promise<{ signature: VerificationResult['signature']; signed: SignedPayload | null; intact: boolean }> {
  const signature = signatureOf(await verifyStatement(jwks, row.canonical, row.jws));
  const signed = parseSigned(row.canonical);
  const intact = signature.valid && signed !== null && signed.id === row.id && signed.title === row.title && signed.body === row.body;
  return { signature, signed, intact };
}

// Keys change only on rotation (rare, and visible within the cache's few seconds).
const jwksCache = publicCache<Jwks>(5_000, 1);
async function publicJwks(db: Executor): Promise<Jwks> {
  const cached = jwksCache.get('jwks');
  if (cached) return cached;
  const jwks = await loadJwks(db);
  jwksCache.set('jwks', jwks);
  return jwks;
}

/**
 * Checks a pasted text: exact match by content hash first (an index lookup), then the closest
 * public entry among full-text-search candidates, with a word diff against the signed text.
 */
export async function verifyText(db: Executor, config: Config, text: string, opts: VerifyTextOptions = {}): Promise<VerificationResult> {
  const variants = lookupVariants(text);
  if (variants.length === 0) throw new VerifyInputError('empty', 'The text is empty.');
  const jwks = await publicJwks(db);
  const exact = await repo.publicEntriesByContentHash(
    db,
    variants.map((v) => sha256Hex(v.text)),
  );
  for (const row of exact) {
    const { signature, signed, intact } = await checkEntry(jwks, row);
    if (!signed) continue;
    const body = comparableText(signed.body);
    const variant = variants.find((v) => v.text === body && (v.strippedTitle === null || v.strippedTitle === comparableText(signed.title)));
    if (!variant) continue;
    const withdrawal = await withdrawalOf(jwks, row, row);
    if (intact) return result('genuine', config, row, { signature, similarity: 1, withdrawal });
    return result('modified', config, row, { signature, diff: wordDiff(signed.body, text), similarity: 1, withdrawal });
  }

  const full = variants[0]?.text ?? '';
  let candidates = await repo.publicEntriesSharingWords(db, searchTerms(full), candidateLimit);
  // Scripts the 'simple' parser does not split into words (Thai, Chinese …) find nothing by
  // full-text search; a bounded scan of the latest entries keeps them matchable.
  if (candidates.length === 0) candidates = await repo.listPublicEntries(db, { limit: fallbackScan });
  let best: { row: NewsroomEntryRow; score: number; genuine: string } | null = null;
  let excerpt: { row: NewsroomEntryRow; share: number; genuine: string } | null = null;
  const excerptsCount = opts.excerpts === true && words(full).length >= excerptMinWords;
  for (const row of candidates) {
    const signed = parseSigned(row.canonical);
    if (!signed) continue;
    for (const genuine of [signed.body, `${signed.title}\n\n${signed.body}`]) {
      const score = similarity(genuine, full);
      if (!best || score > best.score) best = { row, score, genuine };
      if (excerptsCount) {
        const share = containment(full, genuine);
        if (!excerpt || share > excerpt.share) excerpt = { row, share, genuine };
      }
    }
  }
  // A quoted excerpt of a long statement shares few 3-grams with all of it, but most of its own.
  if ((!best || best.score < matchThreshold) && excerpt && excerpt.share >= excerptThreshold) {
    return result('modified', config, excerpt.row, { diff: wordDiff(excerpt.genuine, text), similarity: Math.round((best?.score ?? 0) * 1000) / 1000, withdrawal: await withdrawalOf(jwks, excerpt.row, excerpt.row) });
  }
  if (!best || best.score < matchThreshold) return result('no-match', config, null, { similarity: best?.score ?? 0 });
  return result('modified', config, best.row, { diff: wordDiff(best.genuine, text), similarity: Math.round(best.score * 1000) / 1000, withdrawal: await withdrawalOf(jwks, best.row, best.row) });
}

/** A public entry checked by itself: its signature and its row against what was signed. */
export async function verifyEntry(db: Executor, config: Config, row: NewsroomEntryRow): Promise<VerificationResult> {
  const jwks = await loadJwks(db);
  const { signature, intact } = await checkEntry(jwks, row);
  return result(intact ? 'genuine' : 'modified', config, row, { signature, withdrawal: await withdrawalOf(jwks, row, row) });
}

export async function verifyEntryId(db: Executor, config: Config, entryId: string): Promise<VerificationResult | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(entryId)) return null;
  const row = await repo.findPublicEntry(db, entryId);
  return row ? verifyEntry(db, config, row) : null;
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address names this newsroom: its public origin, or — on a machine where the public address is
 * a loopback name — the same port under another loopback name (the server may print 127.0.0.1 while
 * its public address says localhost; both reach the same process and nothing else).
 */
export function sameNewsroom(url: URL, publicUrl: URL): boolean {
  if (url.origin === publicUrl.origin) return true;
  return url.protocol === publicUrl.protocol && url.port === publicUrl.port && loopbackNames.has(url.hostname) && loopbackNames.has(publicUrl.hostname);
}

/**
 * Resolves an address of this newsroom to its entry, from the database alone: nothing is ever
 * fetched, so a URL cannot make the server call anything (SSRF). Other origins are refused.
 */
export async function verifyUrl(db: Executor, config: Config, input: string): Promise<VerificationResult> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new VerifyInputError('bad-url', 'This is not a valid address.');
  }
  const origin = new URL(config.publicUrl).origin;
  if (!sameNewsroom(url, new URL(config.publicUrl))) throw new VerifyInputError('foreign-url', `Only addresses on ${origin} can be verified.`);
  const segments = url.pathname.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  let row: NewsroomEntryRow | undefined;
  if (segments.length === 3 && segments[0] === 'newsroom') {
    const language = canonicalLanguage(segments[1] ?? '');
    if (language) row = await repo.findPublicEntryBySlug(db, language, segments[2] ?? '');
  } else if (segments.length === 1 && segments[0] === 'verify' && url.searchParams.get('entry')) {
    const found = await verifyEntryId(db, config, url.searchParams.get('entry') ?? '');
    if (found) return found;
  } else if (segments.length === 5 && segments.slice(0, 4).join('/') === 'api/v1/public/statements') {
    const found = await verifyEntryId(db, config, segments[4] ?? '');
    if (found) return found;
  }
  if (!row) throw new VerifyInputError('bad-url', 'This address is not a published statement on this newsroom.');
  return verifyEntry(db, config, row);
}

export type SignedBundle = SignedRecord & { withdrawal: SignedRecord | null };

/** Reads a downloaded bundle (object or JSON text); null when it is not one. */
export function parseBundle(value: unknown): SignedBundle | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (v === null || typeof v !== 'object') return null;
  const record = asSignedRecord(v);
  return record ? { ...record, withdrawal: asSignedRecord((v as Record<string, unknown>).withdrawal) } : null;
}

/**
 * Checks a signed bundle against this newsroom's JWKS. Genuine when the signature is valid and the
 * payload is the one published here; a bad signature over a known entry id is "modified" (with the
 * diff against the published text); anything else is "no-match".
 */
export async function verifyBundle(db: Executor, config: Config, value: unknown): Promise<VerificationResult> {
  const bundle = parseBundle(value);
  const payload = bundle ? parseSigned(bundle.canonical) : null;
  if (!bundle || !payload) throw new VerifyInputError('bad-bundle', 'This is not a signed statement bundle ({ canonical, jws }).');
  const jwks = await loadJwks(db);
  const signature = signatureOf(await verifyStatement(jwks, bundle.canonical, bundle.jws));
  const row = /^[0-9a-f-]{36}$/i.test(payload.id) ? await repo.findPublicEntry(db, payload.id) : undefined;
  // A withdrawal inside the bundle is checked as sent (a forged one is reported); without one, the
  // newsroom's own record speaks, so an old download of a since-withdrawn statement says so too.
  const withdrawal = await withdrawalOf(jwks, bundle, row ?? null, bundle.withdrawal);
  if (!row) return result('no-match', config, null, { signature, withdrawal });
  if (signature.valid && row.canonical === bundle.canonical) return result('genuine', config, row, { signature, similarity: 1, withdrawal });
  const genuine = parseSigned(row.canonical);
  return result('modified', config, row, {
    signature,
    withdrawal,
    diff: genuine ? wordDiff(`${genuine.title}\n\n${genuine.body}`, `${payload.title}\n\n${payload.body}`) : null,
  });
}

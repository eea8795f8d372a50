import type { ClaimReviewed } from '@diplodesk/contracts';
import type { Config } from '../../../platform/config/config.ts';
import { getOrCreateActiveKey } from '../../../platform/crypto/signing/key-store.ts';
import type { SecretKeyring } from '../../../platform/crypto/secret-box.ts';
import { signStatement } from '../../../platform/crypto/signing/sign-statement.ts';
import { normaliseStatement } from '../../../platform/crypto/signing/statement-canonical.ts';
import { canonicalWithdrawal, signatureSha256 } from '../../../platform/crypto/signing/withdrawal.ts';
import { canonicalJson } from '../../../platform/crypto/canonical-json.ts';
import { type Executor, newIdFor, type Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import * as repo from './newsroom.repo.ts';
import type { NewsroomAttachment } from './newsroom.tables.ts';
import { contentHash, slugify } from './text.ts';
import { invalidatePublicCaches } from './public-cache.ts';

export type SignedStatementInput = {
  statementId: string;
  organisationId: string;
  unitId: string;
  kind: string;
  language: string;
  title: string;
  body: string;
  publishedAt: Date;
  attachments: NewsroomAttachment[];
  /** The claim a rebuttal reviews, signed with it (ADR 0028). */
  review?: ClaimReviewed | null;
};

export type RecordedEntry = { entryId: string; url: string; kid: string; jws: string };

/** The `organisation` member of every signed payload: the newsroom's host, what a reader recognises. */
export function organisationLabel(config: Pick<Config, 'publicUrl'>): string {
  return new URL(config.publicUrl).host;
}

export function entryUrl(config: Pick<Config, 'publicUrl'>, entry: { language: string; slug: string }): string {
  return `${config.publicUrl}/newsroom/${encodeURIComponent(entry.language)}/${encodeURIComponent(entry.slug)}`;
}

/**
 * Signs one language version with the organisation's active key (created on first use) and stores
 * it for the newsroom. Re-signing replaces an entry that is not public yet (a rescheduled or
 * re-cleared statement); a public entry is never rewritten: withdraw it instead.
 */
export async function recordSignedStatement(tx: Tx, deps: { secretBox: SecretKeyring; config: Config }, input: SignedStatementInput): Promise<RecordedEntry> {
  invalidatePublicCaches();
  const language = Intl.getCanonicalLocales(input.language)[0] ?? input.language;
  const existing = await repo.findEntryByStatementLanguage(tx, input.statementId, language);
  if (existing && existing.publishedAt.getTime() <= Date.now()) {
    throw new AppError('statement.invalid-state', 'This language version is already public on the newsroom; withdraw the statement instead of signing it again.');
  }
  const id = existing?.id ?? newIdFor();
  const signed = normaliseStatement({
    id,
    organisation: organisationLabel(deps.config),
    language,
    title: input.title,
    body: input.body,
    publishedAt: input.publishedAt,
    attachments: input.attachments.map((a) => ({ name: a.fileName, sha256: a.sha256 })),
    ...(input.review ? { review: signedReview(input.review) } : {}),
  });
  const canonical = canonicalJson(signed);
  const key = await getOrCreateActiveKey(tx, deps.secretBox.for('signing-keys'), input.organisationId);
  const jws = await signStatement(key, canonical);
  const slug = slugify(signed.title, id);
  const values = {
    statementId: input.statementId,
    organisationId: input.organisationId,
    unitId: input.unitId,
    language: signed.language,
    slug,
    // What the page shows is what was signed: the normalised title and body.
    title: signed.title,
    body: signed.body,
    kind: input.kind,
    publishedAt: new Date(signed.publishedAt),
    attachments: input.attachments.map((a) => ({ fileName: a.fileName.normalize('NFC'), mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256.toLowerCase() })),
    canonical,
    jws,
    kid: key.kid,
    contentSha256: contentHash(signed.body),
    withdrawnAt: null,
    withdrawReason: null,
  };
  if (existing) await repo.replaceEntry(tx, id, values);
  else await repo.insertEntry(tx, { id, ...values });
  return { entryId: id, url: entryUrl(deps.config, { language: signed.language, slug }), kid: key.kid, jws };
}

function signedReview(review: ClaimReviewed) {
  const { rating } = review;
  return {
    claim: review.text,
    rating: { name: rating.alternateName, value: rating.ratingValue, best: rating.bestRating, worst: rating.worstRating },
    author: review.author,
    appearances: review.appearances.slice(0, 20),
    datePublished: review.datePublished,
  };
}

/**
 * Withdraws every language version with a signed withdrawal record (organisation key, like the
 * statement) naming the entry and its signature, the reason and the time. The statement's own
 * signature is left as it was; the pages stay, with the reason, never deleted.
 */
export async function withdrawSignedStatement(tx: Tx, deps: { secretBox: SecretKeyring; config: Pick<Config, 'publicUrl'> }, input: { statementId: string; reason: string; at: Date }): Promise<void> {
  invalidatePublicCaches();
  for (const entry of await repo.entriesOfStatement(tx, input.statementId)) {
    if (entry.withdrawnAt) continue;
    const canonical = canonicalWithdrawal({
      type: 'withdrawal',
      entry: entry.id,
      organisation: organisationLabel(deps.config),
      signatureSha256: signatureSha256(entry.jws),
      reason: input.reason,
      withdrawnAt: input.at,
    });
    const key = await getOrCreateActiveKey(tx, deps.secretBox.for('signing-keys'), entry.organisationId);
    await repo.markWithdrawn(tx, entry.id, { reason: input.reason, at: input.at, canonical, jws: await signStatement(key, canonical) });
  }
}

/** Removes entries of a statement that are not yet public (clearance reopened before publication). */
export async function discardUnpublishedEntries(tx: Tx, statementId: string): Promise<void> {
  invalidatePublicCaches();
  await repo.deleteUnpublished(tx, statementId);
}

/** The newsroom side of a statement, for the statement's own page in the app. */
export async function newsroomEntriesFor(
  db: Executor,
  statementId: string,
  config?: Pick<Config, 'publicUrl'>,
): Promise<{ language: string; url: string; kid: string; publishedAt: Date; withdrawnAt: Date | null }[]> {
  const rows = await repo.entriesOfStatement(db, statementId);
  return rows.map((r) => ({
    language: r.language,
    url: config ? entryUrl(config, r) : `/newsroom/${encodeURIComponent(r.language)}/${encodeURIComponent(r.slug)}`,
    kid: r.kid,
    publishedAt: r.publishedAt,
    withdrawnAt: r.withdrawnAt,
  }));
}

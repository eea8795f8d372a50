import type { Actor } from '../../../platform/audit/audit.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { findRootUnit, type UnitRow } from '../../identity/index.ts';
import { statementDueJob } from '../jobs/statement-due.job.ts';
import { newsroomEntriesFor, recordSignedStatement } from '../newsroom/index.ts';
import { schedulePublications } from '../publishing/index.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { statementPublished, type StatementPublishedData } from '../statements.events.ts';
import { listAttachments, type StatementRow, updateStatementRow } from '../statements.repo.ts';
import { checkVariants } from '../variants.ts';
import { accountsFor } from './update-statement.ts';

/**
 * Which attachments go with a post: YouTube publishes the video; the other platforms get the
 * images (up to four, the common limit). PDFs stay on the newsroom page, where the signature covers them.
 */
export function mediaFits(platform: string, mimeType: string): boolean {
  return platform === 'youtube' ? mimeType.startsWith('video/') : mimeType.startsWith('image/');
}

export type ScheduleDeps = Pick<PlatformContext, 'secretBox' | 'config'>;

/**
 * A cleared statement gets its time: every language is signed with that time as `published-at`,
 * one publication per channel variant is queued for it, and a due job makes it live then.
 * `scheduledAt` at or before now publishes at once.
 */
export async function signAndSchedule(tx: Tx, deps: ScheduleDeps, row: StatementRow, unit: UnitRow, scheduledAt: Date, actor: Actor): Promise<StatementRow> {
  const root = await findRootUnit(tx);
  if (!root) throw new Error('organisation missing');
  const attachments = (await listAttachments(tx, row.id)).filter((a) => row.content.attachmentIds.includes(a.id));
  const accounts = await accountsFor(tx, unit);
  const problems = checkVariants(row.content.variants, accounts, { mimeTypes: attachments.map((a) => a.mimeType) });
  if (problems.length) throw new AppError('statement.variant-too-long', undefined, { problems });

  const now = new Date();
  const publishAt = scheduledAt.getTime() < now.getTime() ? now : scheduledAt;
  const texts = row.content.texts.filter((t) => t.title.trim() !== '' && t.body.trim() !== '');
  if (texts.length === 0) throw new AppError('statement.incomplete');
  const urls = new Map<string, string>();
  for (const text of texts) {
    const signed = await recordSignedStatement(tx, deps, {
      statementId: row.id,
      organisationId: root.id,
      unitId: unit.id,
      kind: row.kind,
      language: text.language,
      title: text.title,
      body: text.body,
      publishedAt: publishAt,
      attachments: attachments.map((a) => ({ fileName: a.fileName, mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256 })),
      review: row.respondsTo?.review ?? null,
    });
    urls.set(text.language, signed.url);
  }
  const fallbackUrl = urls.get(row.primaryLanguage) ?? [...urls.values()][0] ?? '';
  await schedulePublications(tx, {
    statementId: row.id,
    unitId: unit.id,
    scheduledAt: publishAt,
    actorId: actor.userId ?? '00000000-0000-0000-0000-000000000000',
    items: row.content.variants.map((v) => {
      const platform = accounts.find((a) => a.id === v.channelAccountId)?.platform ?? '';
      return {
        channelAccountId: v.channelAccountId,
        text: v.text,
        ...(v.title ? { title: v.title } : {}),
        language: v.language,
        media: attachments
          .filter((a) => mediaFits(platform, a.mimeType))
          .slice(0, platform === 'youtube' ? 1 : 4)
          .map((a) => ({ storageKey: a.storageKey, mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256, ...(a.altText ? { altText: a.altText } : {}) })),
        linkUrl: urls.get(v.language) ?? fallbackUrl,
      };
    }),
  });
  // Texts kept for platforms without a connected account do not go out; the record says so.
  const posted = new Set(row.content.variants.map((v) => accounts.find((a) => a.id === v.channelAccountId)?.platform));
  const notPosted = (row.content.platformTexts ?? []).map((p) => p.platform).filter((platform) => !posted.has(platform));
  let updated = await updateStatementRow(tx, row.id, { status: 'scheduled', scheduledAt: publishAt });
  await auditStatement(tx, actor, {
    action: 'statement.scheduled',
    targetType: 'statement',
    targetId: row.id,
    unitId: unit.id,
    summary: { version: row.version, scheduledAt: publishAt.toISOString(), channels: row.content.variants.length, signedLanguages: [...urls.keys()], notPosted },
  });
  if (publishAt.getTime() <= now.getTime()) {
    updated = await goLive(tx, deps, updated, unit, root.id);
  } else {
    await enqueueJob(tx, statementDueJob, { statementId: row.id, at: publishAt.toISOString() }, { runAt: publishAt, idempotencyKey: `${statementDueJob.name}:${row.id}:${publishAt.toISOString()}` });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: 'scheduled', change: 'scheduled', actorId: actor.userId });
  }
  return updated;
}

/** The statement goes live: newsroom pages are public from now, followers are told. */
export async function goLive(tx: Tx, deps: Pick<PlatformContext, 'config'>, row: StatementRow, unit: Pick<UnitRow, 'id'>, organisationId: string): Promise<StatementRow> {
  const publishedAt = row.scheduledAt ?? new Date();
  const updated = await updateStatementRow(tx, row.id, { status: 'published', publishedAt });
  const entries = await newsroomEntriesFor(tx, row.id, deps.config);
  const data: StatementPublishedData = {
    statementId: row.id,
    organisationId,
    unitId: unit.id,
    kind: row.kind,
    publishedAt: publishedAt.toISOString(),
    versions: row.content.texts.flatMap((t) => {
      const entry = entries.find((e) => e.language === t.language);
      return entry ? [{ language: t.language, title: t.title, body: t.body, url: entry.url }] : [];
    }),
  };
  await appendEvents(tx, [{ type: statementPublished, unitId: unit.id, data }]);
  await auditStatement(tx, { userId: null, label: 'system', requestId: null }, {
    action: 'statement.published',
    targetType: 'statement',
    targetId: row.id,
    unitId: unit.id,
    summary: { version: row.version, publishedAt: publishedAt.toISOString() },
  });
  await statementChangedEvent(tx, unit.id, { statementId: row.id, status: 'published', change: 'published', actorId: null });
  return updated;
}

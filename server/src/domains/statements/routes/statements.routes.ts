import {
  attachmentDto,
  clearanceInboxResponse,
  commentDto,
  commentListResponse,
  createCommentRequest,
  createStatementRequest,
  decideClearanceRequest,
  scheduleStatementRequest,
  statementDiffResponse,
  statementDto,
  statementListQuery,
  statementListResponse,
  statementVersionDto,
  statementVersionListResponse,
  stripBidiControls,
  submitStatementRequest,
  updateStatementRequest,
  uuid,
  withdrawStatementRequest,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ResponseTargetResolver } from '../response-targets.ts';
import { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { fileDownload } from '../../../platform/http/responses.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { listUnits } from '../../identity/index.ts';
import { addAttachment, attachmentTypes, tooLarge } from '../commands/add-attachment.ts';
import { addComment } from '../commands/add-comment.ts';
import { createStatement } from '../commands/create-statement.ts';
import { decideClearance } from '../commands/decide-clearance.ts';
import { scheduleStatement } from '../commands/schedule-statement.ts';
import { submitStatement } from '../commands/submit-statement.ts';
import { updateStatement } from '../commands/update-statement.ts';
import { withdrawStatement } from '../commands/withdraw-statement.ts';
import { clearanceInbox } from '../queries/inbox.ts';
import { statementDetail } from '../queries/statement-detail.ts';
import { diffContents } from '../queries/version-diff.ts';
import { readableStatement } from '../statement-access.ts';
import { presentSummary } from '../statements.presenter.ts';
import { countCommentsByVersion, findVersion, listAttachments, listComments, listStatements, listVersions } from '../statements.repo.ts';

const idParams = z.object({ id: uuid });
const read = { auth: { access: 'permission', permission: 'statement.read' } } as const;
const draft = { auth: { access: 'permission', permission: 'statement.draft' } } as const;

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function decodeCursor(cursor: string | undefined): { updatedAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = cursor.split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || Number.isNaN(updatedAt.getTime()) || !uuid.safeParse(id).success) throw new AppError('request.invalid', 'The cursor is not valid.');
  return { updatedAt, id };
}

export const statementRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; responseTargets?: ResponseTargetResolver }> = async (app, { ctx, responseTargets }) => {
  // Uploads arrive as the raw file with its own content type; the route streams it to storage.
  app.addContentTypeParser(Object.keys(attachmentTypes), (_req, payload, done) => done(null, payload));

  app.get('/statements', { config: read, schema: { tags: ['statements'], summary: 'Statements the caller may read, newest change first', querystring: statementListQuery, response: { 200: statementListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const units = await listUnits(ctx.db);
    const reach = reachPaths(p, 'statement.read');
    let readable = units.filter((u) => reach.some((r) => isWithin(u.path, r)));
    if (req.query.unitId) {
      const chosen = readable.find((u) => u.id === req.query.unitId);
      readable = chosen ? readable.filter((u) => isWithin(u.path, chosen.path)) : [];
    }
    const names = new Map(units.map((u) => [u.id, u.name]));
    const rows = await listStatements(ctx.db, {
      unitIds: readable.map((u) => u.id),
      status: req.query.status,
      q: req.query.q,
      limit: req.query.limit + 1,
      cursor: decodeCursor(req.query.cursor),
    });
    const page = rows.slice(0, req.query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => presentSummary(r, names.get(r.unitId) ?? '')),
      nextCursor: rows.length > req.query.limit && last ? `${last.updatedAt.toISOString()}|${last.id}` : null,
      policies: { create: can(p, 'statement.draft') },
    };
  });

  app.get('/statements/inbox', { config: read, schema: { tags: ['statements'], summary: 'My clearances: statements waiting for my decision, with counts', response: { 200: clearanceInboxResponse } } }, async (req) =>
    clearanceInbox(ctx, requirePrincipal(req)),
  );

  app.post('/statements', { config: { ...draft, errors: ['integrity-finding.not-found', 'integrity-claim.not-found'] }, schema: { tags: ['statements'], summary: 'Start a draft (from a template, or as a response)', body: createStatementRequest, response: { 201: statementDto } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const row = await createStatement(ctx, p, req.body, actorOf(req), responseTargets);
    return reply.status(201).send(await statementDetail(ctx, p, row.id));
  });

  app.get('/statements/:id', { config: read, schema: { tags: ['statements'], summary: 'One statement with its clearance record, newsroom links and posts', params: idParams, response: { 200: statementDto } } }, async (req) =>
    statementDetail(ctx, requirePrincipal(req), req.params.id),
  );

  app.patch('/statements/:id', { config: draft, schema: { tags: ['statements'], summary: 'Save new content as the next version', params: idParams, body: updateStatementRequest, response: { 200: statementDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await updateStatement(ctx, p, req.params.id, req.body, actorOf(req));
    return statementDetail(ctx, p, row.id);
  });

  app.post('/statements/:id/submit', { config: draft, schema: { tags: ['statements'], summary: 'Submit for clearance', params: idParams, body: submitStatementRequest, response: { 200: statementDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await submitStatement(ctx, p, req.params.id, req.body, actorOf(req));
    return statementDetail(ctx, p, row.id);
  });

  app.post('/statements/:id/decisions', { config: read, schema: { tags: ['statements'], summary: 'Approve, request changes or reject the current clearance step', params: idParams, body: decideClearanceRequest, response: { 200: statementDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await decideClearance(ctx, p, req.params.id, req.body, actorOf(req));
    return statementDetail(ctx, p, row.id);
  });

  app.post('/statements/:id/schedule', { config: draft, schema: { tags: ['statements'], summary: 'Sign and schedule a cleared statement (null time: publish now)', params: idParams, body: scheduleStatementRequest, response: { 200: statementDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await scheduleStatement(ctx, p, req.params.id, req.body, actorOf(req));
    return statementDetail(ctx, p, row.id);
  });

  // Coarse: withdrawing a published statement needs `statement.approve`, anything earlier
  // `statement.draft` — the command decides which, at the statement's unit.
  app.post('/statements/:id/withdraw', { config: read, schema: { tags: ['statements'], summary: 'Withdraw: delete posts where possible, mark the newsroom page withdrawn', params: idParams, body: withdrawStatementRequest, response: { 200: statementDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await withdrawStatement(ctx, p, req.params.id, req.body, actorOf(req));
    return statementDetail(ctx, p, row.id);
  });

  app.post(
    '/statements/:id/attachments',
    {
      config: { ...draft, errors: ['statement.attachment-invalid', 'statement.attachment-quota', 'upload.malware-found', 'upload.too-large-to-scan'] },
      bodyLimit: 512 * 1024 * 1024,
      // Refused from the announced size before a byte of the body is read (not after minutes of upload).
      onRequest: async (req) => {
        const mimeType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const maxBytes = attachmentTypes[mimeType];
        const declared = Number(req.headers['content-length']);
        if (maxBytes !== undefined && Number.isFinite(declared) && declared > maxBytes) throw tooLarge(mimeType, maxBytes);
      },
      schema: {
        tags: ['statements'],
        summary: 'Upload an attachment: the raw file as the body, its type as Content-Type, its name in X-File-Name (URL-encoded)',
        params: idParams,
        querystring: z.object({ altText: z.string().max(1500).optional() }),
        response: { 201: attachmentDto },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const mimeType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const rawName = req.headers['x-file-name'];
      let fileName = 'attachment';
      try {
        fileName = typeof rawName === 'string' ? decodeURIComponent(rawName) : fileName;
      } catch {
        throw new AppError('request.invalid', 'X-File-Name is not valid URL-encoded text.');
      }
      // Bidi controls go too: a file name never needs one, and "x\u202Efdp.exe" shows as "xexe.pdf".
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
      fileName = stripBidiControls(fileName).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment';
      const body = req.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new AppError('statement.attachment-invalid');
      const declared = Number(req.headers['content-length']);
      const declaredBytes = Number.isFinite(declared) ? declared : null;
      const a = await addAttachment(ctx, p, req.params.id, { fileName, mimeType, altText: req.query.altText?.trim() || null, declaredBytes, body }, actorOf(req));
      return reply
        .status(201)
        .send({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256, altText: a.altText, createdAt: a.createdAt.toISOString() });
    },
  );

  app.get('/statements/:id/attachments/:attachmentId', { config: read, schema: { tags: ['statements'], summary: 'Download an attachment', params: z.object({ id: uuid, attachmentId: uuid }), response: { 200: fileDownload('The file as uploaded, with its own content type; `x-content-sha256` is its SHA-256', ['*/*']) } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { row } = await readableStatement(ctx, p, req.params.id);
    const a = (await listAttachments(ctx.db, row.id)).find((x) => x.id === req.params.attachmentId);
    if (!a) throw new AppError('statement.attachment-not-found');
    // Reading an unpublished file is a sensitive read: who took which file is on record.
    await inTransaction(ctx, (tx) =>
      appendAudit(tx, actorOf(req), { action: 'statement.attachment-downloaded', targetType: 'statement', targetId: row.id, unitId: row.unitId, summary: { attachmentId: a.id, fileName: a.fileName, sha256: a.sha256 } }),
    );
    return reply
      .header('content-type', a.mimeType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
      .header('x-content-sha256', a.sha256)
      .send(ctx.storage.open(a.storageKey));
  });

  app.get('/statements/:id/versions', { config: read, schema: { tags: ['statements'], summary: 'Version history', params: idParams, response: { 200: statementVersionListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const { row } = await readableStatement(ctx, p, req.params.id);
    const [versions, counts] = await Promise.all([listVersions(ctx.db, row.id), countCommentsByVersion(ctx.db, row.id)]);
    return { items: versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString(), authorName: v.authorName, note: v.note, comments: counts.get(v.number) ?? 0 })) };
  });

  app.get('/statements/:id/versions/:number', { config: read, schema: { tags: ['statements'], summary: 'One version', params: z.object({ id: uuid, number: z.coerce.number().int().min(1) }), response: { 200: statementVersionDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const { row } = await readableStatement(ctx, p, req.params.id);
    const v = await findVersion(ctx.db, row.id, req.params.number);
    if (!v) throw new AppError('statement.version-not-found');
    return { number: v.number, createdAt: v.createdAt.toISOString(), authorName: v.authorName, note: v.note, texts: v.content.texts, variants: v.content.variants, attachmentIds: v.content.attachmentIds };
  });

  app.get(
    '/statements/:id/diff',
    { config: read, schema: { tags: ['statements'], summary: 'Word-level diff between two versions', params: idParams, querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }), response: { 200: statementDiffResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const { row } = await readableStatement(ctx, p, req.params.id);
      const [a, b] = await Promise.all([findVersion(ctx.db, row.id, req.query.from), findVersion(ctx.db, row.id, req.query.to)]);
      if (!a || !b) throw new AppError('statement.version-not-found');
      return { from: a.number, to: b.number, fields: diffContents(a.content, b.content) };
    },
  );

  app.get('/statements/:id/comments', { config: read, schema: { tags: ['statements'], summary: 'Comments on every version', params: idParams, response: { 200: commentListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const { row } = await readableStatement(ctx, p, req.params.id);
    const rows = await listComments(ctx.db, row.id);
    return { items: rows.map((c) => ({ id: c.id, version: c.version, authorId: c.authorId, authorName: c.authorName, body: c.body, createdAt: c.createdAt.toISOString() })) };
  });

  app.post('/statements/:id/comments', { config: read, schema: { tags: ['statements'], summary: 'Comment on a version', params: idParams, body: createCommentRequest, response: { 201: commentDto } } }, async (req, reply) => {
    const c = await addComment(ctx, requirePrincipal(req), req.params.id, req.body);
    return reply.status(201).send({ id: c.id, version: c.version, authorId: c.authorId, authorName: c.authorName, body: c.body, createdAt: c.createdAt.toISOString() });
  });
};

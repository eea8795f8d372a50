import {
  importDto,
  importListQuery,
  importListResponse,
  importMappingRequest,
  importPreviewDto,
  importUploadQuery,
  importUploadResponse,
  startImportRequest,
  stripBidiControls,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { fileDownload } from '../../../platform/http/responses.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { displayNamesOf, listUnits } from '../../identity/index.ts';
import { cancelImport } from '../imports/cancel-import.ts';
import { accessibleImport } from '../imports/import-access.ts';
import { type ImportRow, listImports, storedCounts } from '../imports/imports.repo.ts';
import { presentImport } from '../imports/imports.presenter.ts';
import { previewUpload } from '../imports/preview-upload.ts';
import { startImport } from '../imports/start-import.ts';
import { uploadImport } from '../imports/upload-import.ts';
import type { IngestStream } from '../stream/ingest-stream.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'listening.manage' } } as const;
const idParams = z.object({ id: uuid });
const tags = ['listening'];

// The file arrives as the raw body (as statement attachments do); the type is sniffed from the content.
const uploadTypes = ['application/octet-stream', 'text/plain', 'text/csv', 'application/csv', 'text/tab-separated-values', 'application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function fileNameOf(req: FastifyRequest): string {
  const header = req.headers['x-file-name'];
  let name = 'import';
  try {
    name = typeof header === 'string' ? decodeURIComponent(header) : name;
  } catch {
    throw new AppError('request.invalid', 'X-File-Name is not valid URL-encoded text.');
  }
  // Bidi controls are dropped: a file name never needs one, and "x\u202Evsc.exe" shows as "xexe.csv".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  return stripBidiControls(name).replace(/[\\/\u0000-\u001f]/g, '_').trim().slice(0, 200) || 'import';
}

export const importRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; stream?: IngestStream }> = async (app, { ctx, stream }) => {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(uploadTypes, (_req, payload, done) => done(null, payload));

  /** Each import with its unit's path (for its policies) and how many items it stored. */
  async function present(p: Principal, rows: ImportRow[], paths: Map<string, string>) {
    const stored = await storedCounts(ctx.db, rows);
    const names = await displayNamesOf(ctx.db, rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])));
    const waiting = rows.some((r) => r.status !== 'ready' && r.sourceId !== null);
    const analysisIdle = !waiting || !stream || (await stream.backlog()) === 0;
    return rows.map((r) => presentImport(p, r, paths.get(r.unitId) ?? '', { stored: stored.get(r.id) ?? 0, analysisIdle, createdByName: (r.createdBy && names.get(r.createdBy)) || '' }));
  }

  async function presentOne(req: FastifyRequest, row: ImportRow, unitPath: string) {
    const [dto] = await present(requirePrincipal(req), [row], new Map([[row.unitId, unitPath]]));
    return dto!;
  }

  app.post(
    '/listening/imports',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Upload a CSV, JSON Lines or NDJSON file for import: the raw file as the body, its name in X-File-Name (URL-encoded). Answers with the preview.',
        querystring: importUploadQuery,
        response: { 201: importUploadResponse },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const body = req.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new AppError('request.invalid', 'Send the file as the request body.');
      const length = Number(req.headers['content-length']);
      const { row, preview } = await uploadImport(ctx, p, { unitId: req.query.unitId, fileName: fileNameOf(req), declaredBytes: Number.isFinite(length) ? length : null, body }, actorOf(req));
      const { unit } = await accessibleImport(ctx, p, row.id, 'listening.read');
      return reply.status(201).send({ import: await presentOne(req, row, unit.path), preview });
    },
  );

  app.get('/listening/imports', { config: read, schema: { tags, summary: 'Recent imports of the units the caller may read', querystring: importListQuery, response: { 200: importListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const reach = reachPaths(p, 'listening.read');
    let units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
    const chosen = req.query.unitId ? units.find((u) => u.id === req.query.unitId) : undefined;
    if (req.query.unitId) units = chosen ? units.filter((u) => isWithin(u.path, chosen.path)) : [];
    const paths = new Map(units.map((u) => [u.id, u.path]));
    const rows = await listImports(ctx.db, [...paths.keys()], req.query.limit);
    return { items: await present(p, rows, paths), policies: { create: can(p, 'listening.manage') } };
  });

  app.get('/listening/imports/:id', { config: read, schema: { tags, summary: 'One import with its progress and counts', params: idParams, response: { 200: importDto } } }, async (req) => {
    const { row, unit } = await accessibleImport(ctx, requirePrincipal(req), req.params.id, 'listening.read');
    return presentOne(req, row, unit.path);
  });

  app.post(
    '/listening/imports/:id/preview',
    { config: manage, schema: { tags, summary: 'Read the first rows again with a mapping (stores nothing)', params: idParams, body: importMappingRequest, response: { 200: importPreviewDto } } },
    async (req) => previewUpload(ctx, requirePrincipal(req), req.params.id, req.body.mapping),
  );

  app.post('/listening/imports/:id/start', { config: manage, schema: { tags, summary: 'Start importing with a mapping (runs in the background)', params: idParams, body: startImportRequest, response: { 200: importDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await startImport(ctx, p, req.params.id, req.body.mapping, actorOf(req));
    const { unit } = await accessibleImport(ctx, p, row.id, 'listening.read');
    return presentOne(req, row, unit.path);
  });

  app.post('/listening/imports/:id/cancel', { config: manage, schema: { tags, summary: 'Stop an import after the chunk being read (items already read stay)', params: idParams, response: { 200: importDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await cancelImport(ctx, p, req.params.id, actorOf(req));
    const { unit } = await accessibleImport(ctx, p, row.id, 'listening.read');
    return presentOne(req, row, unit.path);
  });

  app.get('/listening/imports/:id/rejected', { config: read, schema: { tags, summary: 'The rejected rows with their reasons, as CSV', params: idParams, response: { 200: fileDownload('The rejected rows (UTF-8 CSV)', ['text/csv']) } } }, async (req, reply) => {
    const { row } = await accessibleImport(ctx, requirePrincipal(req), req.params.id, 'listening.read');
    if (!row.rejectedKey) throw new AppError('listening-import.not-found', 'This import has no rejected rows.');
    const name = `${row.fileName.replace(/\.[^.]*$/, '')}-rejected.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(ctx.storage.open(row.rejectedKey));
  });
};

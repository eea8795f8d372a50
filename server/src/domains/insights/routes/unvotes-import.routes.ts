import { stripBidiControls, unVotesImport, unVotesImportList, unVotesImportListQuery, unVotesImportQuery, uuid } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { idealPointsRuns } from '../cooperation/ideal-points.job.ts';
import { findUnVotesImport, listUnVotesImports, type UnVotesImportRow } from '../cooperation/import/unvotes-imports.repo.ts';
import { presentUnVotesImport } from '../cooperation/import/unvotes-imports.presenter.ts';
import { requireUnVotesManager, uploadUnVotesFile } from '../cooperation/import/upload-unvotes.ts';

const manage = { auth: { access: 'permission', permission: 'insight.manage' } } as const;
const tags = ['insights'];
const uploadTypes = ['application/octet-stream', 'application/gzip', 'application/x-gzip', 'text/csv', 'application/csv'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function fileNameOf(req: FastifyRequest, fallback: string): string {
  const header = req.headers['x-file-name'];
  if (typeof header !== 'string') return fallback;
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
    return stripBidiControls(decodeURIComponent(header)).replace(/[\\/\u0000-\u001f]/g, '_').trim().slice(0, 200) || fallback;
  } catch {
    throw new AppError('request.invalid', 'X-File-Name is not valid URL-encoded text.');
  }
}

/** The UN votes import: upload a file (the import runs as a job), then follow it. Everything needs insight.manage at the organisation's root. */
export const unVotesImportRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.addContentTypeParser(uploadTypes, (_req, payload, done) => done(null, payload));

  async function present(rows: UnVotesImportRow[]) {
    const runs = await idealPointsRuns(
      ctx.db,
      rows.filter((r) => r.idealPoints).map((r) => r.id),
    );
    return rows.map((r) => presentUnVotesImport(r, runs.get(r.id) ?? null));
  }
  const presentOne = async (row: UnVotesImportRow) => (await present([row]))[0]!;

  app.post(
    '/insights/un-votes/import',
    {
      config: { ...manage, errors: ['insights-unvotes.invalid-file', 'insights-unvotes.too-large', 'upload.malware-found', 'upload.too-large-to-scan', 'upload.scan-unavailable', 'unit.not-found'] },
      schema: {
        tags,
        summary:
          'Upload one file of UN General Assembly votes in the Voeten format (CSV, or gzip of it) as the raw body, its name in X-File-Name (URL-encoded): part=roll-calls, issues or votes. The header is checked at once; the import then runs in the background (follow it at /insights/un-votes/imports/{id}): every line checked before anything is stored, and the same file again changes nothing.',
        querystring: unVotesImportQuery,
        response: { 202: unVotesImport },
      },
    },
    async (req, reply) => {
      const body = req.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new AppError('request.invalid', 'Send the file as the request body.');
      const length = Number(req.headers['content-length']);
      const input = { part: req.query.part, fileName: fileNameOf(req, `${req.query.part}.csv`), declaredBytes: Number.isFinite(length) ? length : null, body };
      const row = await uploadUnVotesFile(ctx, requirePrincipal(req), input, actorOf(req));
      return reply.status(202).send(await presentOne(row));
    },
  );

  app.get(
    '/insights/un-votes/imports',
    { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: 'Recent UN votes imports, newest first, each with its progress or outcome', querystring: unVotesImportListQuery, response: { 200: unVotesImportList } } },
    async (req) => {
      await requireUnVotesManager(ctx, requirePrincipal(req));
      return { items: await present(await listUnVotesImports(ctx.db, req.query.limit)) };
    },
  );

  app.get(
    '/insights/un-votes/imports/:id',
    { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: 'One UN votes import: its phase and progress, then its result or the line that stopped it', params: z.object({ id: uuid }), response: { 200: unVotesImport } } },
    async (req) => {
      await requireUnVotesManager(ctx, requirePrincipal(req));
      const row = await findUnVotesImport(ctx.db, req.params.id);
      if (!row) throw new AppError('insights-unvotes.import-not-found');
      return presentOne(row);
    },
  );
};

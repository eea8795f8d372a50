import { auditCheckpointListQuery, auditCheckpointListResponse } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditCheckpoints, type PublishedCheckpoint } from '../../../platform/audit/checkpoints.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { findRootUnit } from '../../identity/index.ts';
import { esc, layout, link, type PageContext, time } from './render.ts';

const publicAccess = { auth: { access: 'public' as const } };
export const checkpointsPath = '/api/v1/public/audit/checkpoints';
const pageSize = 50;

function renderCheckpoints(page: PageContext, view: { items: PublishedCheckpoint[]; nextBefore: number | null; jsonUrl: string }): string {
  const { t } = page;
  const rows = view.items
    .map((c) => `<tr><td>${c.seq}</td><td><code>${esc(c.hash)}</code></td><td>${time(page, new Date(c.at))}</td><td><code>${esc(c.kid)}</code></td></tr>`)
    .join('\n');
  const table = view.items.length
    ? `<table class="checkpoints"><thead><tr><th scope="col">${esc(t('auditCheckpoints.seq'))}</th><th scope="col">${esc(t('auditCheckpoints.hash'))}</th><th scope="col">${esc(t('auditCheckpoints.at'))}</th><th scope="col">${esc(t('auditCheckpoints.key'))}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : `<p>${esc(t('auditCheckpoints.empty'))}</p>`;
  const older = view.nextBefore ? `<p><a href="${esc(link(page, `/newsroom/audit-checkpoints?before=${view.nextBefore}`))}">${esc(t('auditCheckpoints.older'))}</a></p>` : '';
  const main = `<h1>${esc(t('auditCheckpoints.title'))}</h1>
<p>${esc(t('auditCheckpoints.intro', { org: page.org }))}</p>
<p>${esc(t('auditCheckpoints.howTo', { url: view.jsonUrl }))}</p>
<p><a href="${esc(view.jsonUrl)}" type="application/json">${esc(t('auditCheckpoints.json'))}</a> · <a href="/.well-known/jwks.json">${esc(t('nav.jwks'))}</a></p>
${table}
${older}`;
  return layout(page, { title: t('auditCheckpoints.title'), main });
}

/**
 * The signed audit checkpoints, public: as JSON for `diplodesk audit verify --checkpoints` and any
 * outside observer that keeps copies, and as a newsroom page. Briefly cached: a checkpoint is
 * added at most every few minutes.
 */
export const auditCheckpointRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; pageContext: (req: FastifyRequest) => Promise<PageContext> }> = async (app, { ctx, pageContext }) => {
  const jsonUrl = `${new URL(ctx.config.publicUrl).origin}${checkpointsPath}`;

  app.get(checkpointsPath, { config: publicAccess, schema: { tags: ['public'], summary: 'Signed checkpoints of the audit chain, newest first', querystring: auditCheckpointListQuery, response: { 200: auditCheckpointListResponse } } }, async (req, reply) => {
    const root = await findRootUnit(ctx.db);
    const page = await listAuditCheckpoints(ctx.db, { limit: req.query.limit, ...(req.query.before ? { before: req.query.before } : {}) });
    void reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin').header('cache-control', 'public, max-age=60');
    return { organisation: root ? { id: root.id, name: root.name } : null, jwks: '/.well-known/jwks.json', ...page };
  });

  app.get('/newsroom/audit-checkpoints', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const before = Number((req.query as { before?: string }).before);
    const page = await listAuditCheckpoints(ctx.db, { limit: pageSize, ...(Number.isInteger(before) && before > 0 ? { before } : {}) });
    const html = renderCheckpoints(await pageContext(req), { ...page, jsonUrl });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').header('vary', 'accept-language').send(html);
  });
};

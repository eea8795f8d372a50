import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { receiveObjects } from '../commands/receive-objects.ts';
import { recordServed } from '../commands/record-served.ts';
import { collectionFor, sharingCallerOf, visibleCollections } from '../sharing.policy.ts';
import { findStatus, type ObjectRow, queryObjects } from '../sharing.repo.ts';
import { fromMicros } from '../stix/timestamps.ts';
import { installTaxiiHttp, taxiiMediaType } from './taxii-http.ts';
import { presentCollection, presentEnvelope, presentManifest, presentStatus, presentVersions } from './taxii.presenter.ts';
import { nextToken, parseTaxiiQuery } from './taxii-query.ts';

/** The one API root's path under the TAXII prefix. */
export const apiRootName = 'sharing';
export const taxiiPrefix = '/taxii2';
/** The most bytes one request body may have (advertised as the API root's max_content_length). */
export const maxContentLength = 10 * 1024 * 1024;

const read = { auth: { access: 'permission', permission: 'taxii.read' } } as const;
const write = { auth: { access: 'permission', permission: 'taxii.write' } } as const;
// The caller-rate limit covers /api/ only; TAXII clients poll, so each route keeps its own budget.
const rateLimit = { max: 600, timeWindow: '1 minute' };
const hidden = { hide: true } as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const stixIdPattern = /^[a-z][a-z0-9-]{1,248}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = { collectionId?: string; objectId?: string; statusId?: string };
type Query = Record<string, string | string[] | undefined>;

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function pageHeaders(reply: FastifyReply, rows: ObjectRow[]): void {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last) {
    void reply.header('x-taxii-date-added-first', fromMicros(first.dateAddedUs));
    void reply.header('x-taxii-date-added-last', fromMicros(last.dateAddedUs));
  }
}

/**
 * TAXII 2.1 (OASIS) under /taxii2/: discovery, one API root (`/taxii2/sharing/`), its collections,
 * their objects (read with paging and filters, added to by POST), manifests, versions and status
 * resources. Partners call it with their own tokens; every answer that shares objects is audited.
 */
export async function taxiiRoutes(app: FastifyInstance, { ctx }: { ctx: PlatformContext }): Promise<void> {
  installTaxiiHttp(app);
  const root = `/${apiRootName}/`;

  const collectionOf = async (req: FastifyRequest, verb: 'see' | 'read' | 'write') => {
    const { collectionId = '' } = req.params as Params;
    const caller = await sharingCallerOf(ctx.db, requirePrincipal(req));
    if (!uuidPattern.test(collectionId)) throw new AppError('sharing-collection.not-found');
    return { caller, ...(await collectionFor(ctx.db, caller, collectionId, verb)) };
  };

  /** One page of object versions; `rows` has the extra row that says whether there is more. */
  const page = async (collectionId: string, query: Query, allow: Parameters<typeof parseTaxiiQuery>[1], ids: string[] | null, defaultVersion: 'last' | 'all' = 'last') => {
    const q = parseTaxiiQuery(query, allow, defaultVersion);
    const rows = await queryObjects(ctx.db, { collectionId, ...q, ids: ids ?? q.ids });
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return { rows: shown, more, next: more && last ? nextToken(last.dateAddedUs) : null };
  };

  app.get('/', { config: { ...read, rateLimit }, schema: hidden }, async () => ({
    title: `${ctx.config.orgName} threat sharing`,
    description: 'STIX 2.1 threat intelligence on misinformation, coordinated inauthentic behaviour and impersonation, shared with partner organisations.',
    default: `${taxiiPrefix}${root}`,
    api_roots: [`${taxiiPrefix}${root}`],
  }));

  app.get(root, { config: { ...read, rateLimit }, schema: hidden }, async () => ({
    title: 'Threat sharing',
    description: 'Collections of findings, claims, accounts and indicators shared with partners.',
    versions: [taxiiMediaType],
    max_content_length: maxContentLength,
  }));

  app.get(`${root}status/:statusId/`, { config: { ...read, rateLimit }, schema: hidden }, async (req) => {
    const { statusId = '' } = req.params as Params;
    const p = requirePrincipal(req);
    const status = uuidPattern.test(statusId) ? await findStatus(ctx.db, statusId) : undefined;
    // A status belongs to whoever made the request (and to staff); to anyone else it does not exist.
    const caller = status ? await sharingCallerOf(ctx.db, p) : null;
    if (!status || !caller || (status.requestedBy !== p.userId && !caller.isStaff)) throw new AppError('taxii.status-not-found');
    return presentStatus(status);
  });

  app.get(`${root}collections/`, { config: { ...read, rateLimit }, schema: hidden }, async (req) => {
    const caller = await sharingCallerOf(ctx.db, requirePrincipal(req));
    const list = await visibleCollections(ctx.db, caller);
    return list.length > 0 ? { collections: list.map((c) => presentCollection(c.collection, c.rights)) } : {};
  });

  app.get(`${root}collections/:collectionId/`, { config: { ...read, rateLimit }, schema: hidden }, async (req) => {
    const { collection, rights } = await collectionOf(req, 'see');
    return presentCollection(collection, rights);
  });

  app.get(`${root}collections/:collectionId/objects/`, { config: { ...read, rateLimit }, schema: hidden }, async (req, reply) => {
    const { caller, collection } = await collectionOf(req, 'read');
    const p = await page(collection.id, req.query as Query, { id: true, type: true, version: true }, null);
    pageHeaders(reply, p.rows);
    await recordServed(ctx, caller, collection.id, 'objects', p.rows.map((r) => r.objectId), p.more, actorOf(req));
    return presentEnvelope(p.rows, p.more, p.next);
  });

  app.post(
    `${root}collections/:collectionId/objects/`,
    { config: { ...write, rateLimit }, bodyLimit: maxContentLength, schema: hidden },
    async (req, reply) => {
      const { caller, collection } = await collectionOf(req, 'write');
      const status = await receiveObjects(ctx, caller, collection.id, req.body, actorOf(req));
      return reply.status(202).send(presentStatus(status));
    },
  );

  const objectRoute = async (req: FastifyRequest) => {
    const found = await collectionOf(req, 'read');
    const { objectId = '' } = req.params as Params;
    if (!stixIdPattern.test(objectId)) throw new AppError('taxii.object-not-found');
    return { ...found, objectId };
  };

  app.get(`${root}collections/:collectionId/objects/:objectId/`, { config: { ...read, rateLimit }, schema: hidden }, async (req, reply) => {
    const { caller, collection, objectId } = await objectRoute(req);
    const p = await page(collection.id, req.query as Query, { version: true }, [objectId]);
    if (p.rows.length === 0 && !(await exists(collection.id, objectId))) throw new AppError('taxii.object-not-found');
    pageHeaders(reply, p.rows);
    await recordServed(ctx, caller, collection.id, 'object', p.rows.map((r) => r.objectId), p.more, actorOf(req));
    return presentEnvelope(p.rows, p.more, p.next);
  });

  app.get(`${root}collections/:collectionId/objects/:objectId/versions/`, { config: { ...read, rateLimit }, schema: hidden }, async (req, reply) => {
    const { caller, collection, objectId } = await objectRoute(req);
    const p = await page(collection.id, req.query as Query, {}, [objectId], 'all');
    if (p.rows.length === 0 && !(await exists(collection.id, objectId))) throw new AppError('taxii.object-not-found');
    pageHeaders(reply, p.rows);
    await recordServed(ctx, caller, collection.id, 'versions', p.rows.map((r) => r.objectId), p.more, actorOf(req));
    return presentVersions(p.rows, p.more, p.next);
  });

  app.get(`${root}collections/:collectionId/manifest/`, { config: { ...read, rateLimit }, schema: hidden }, async (req, reply) => {
    const { caller, collection } = await collectionOf(req, 'read');
    const p = await page(collection.id, req.query as Query, { id: true, type: true, version: true }, null);
    pageHeaders(reply, p.rows);
    await recordServed(ctx, caller, collection.id, 'manifest', p.rows.map((r) => r.objectId), p.more, actorOf(req));
    return presentManifest(p.rows, p.more, p.next);
  });

  // Anything else under the prefix is a TAXII 404, not the web app's page.
  app.all('/*', { config: { auth: { access: 'public' } }, schema: hidden }, async (req) => {
    throw new AppError('route.not-found', `No TAXII endpoint ${req.method} ${req.url.split('?')[0]}.`);
  });

  async function exists(collectionId: string, objectId: string): Promise<boolean> {
    const rows = await queryObjects(ctx.db, { collectionId, addedAfterUs: null, afterUs: null, ids: [objectId], types: null, versions: [{ kind: 'all' }], specVersions: null, limit: 1 });
    return rows.length > 0;
  }
}


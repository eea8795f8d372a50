import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedStatementBundle, verificationResult } from '@diplodesk/contracts';
import type { PlatformContext } from '../../../platform/context.ts';
import { loadJwks } from '../../../platform/crypto/signing/key-store.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { feedLastModified, renderAtom, renderJsonFeed, renderRss } from './feeds.ts';
import { languageName, pickUiLanguage, translator } from './i18n.ts';
import * as repo from './newsroom.repo.ts';
import type { NewsroomEntryRow } from './newsroom.tables.ts';
import { entryUrl } from './record-signed-statement.ts';
import { claimReviewOf } from './claim-review-ld.ts';
import { type PageContext, renderEntry, renderIndex, renderNotFound, renderVerify } from './render.ts';
import { canonicalLanguage } from './text.ts';
import { parseBundle, type VerificationResult, verifyBundle, VerifyInputError, verifyEntryId, verifyText, verifyUrl } from './verification.ts';
import { createHash } from 'node:crypto';
import { publicCache } from './public-cache.ts';
import { auditCheckpointRoutes } from './audit-checkpoints.ts';
import { findPost } from '../federation/federation.repo.ts';
import { noteUrl, prefersActivityJson } from '../federation/note-address.ts';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const pageSize = 20;
const feedSize = 50;
/** Checks per minute and client address on the public verify endpoints (each may run a text search). */
export const verifyRatePerMinute = 30;

const publicAccess = { auth: { access: 'public' as const } };
const errorKeys: Record<VerifyInputError['reason'], string> = {
  empty: 'errorEmpty',
  'foreign-url': 'errorForeignUrl',
  'bad-url': 'errorBadUrl',
  'bad-bundle': 'errorBundle',
};

const verifyBody = z
  .object({
    text: z.string().max(100_000).optional(),
    url: z.string().max(2_000).optional(),
    signedJson: z.union([z.string().max(200_000), z.record(z.string(), z.unknown())]).optional(),
  })
  .refine((b) => [b.text, b.url, b.signedJson].filter((v) => v !== undefined).length === 1, 'give exactly one of text, url or signedJson');

type Query = { ui?: string; before?: string; entry?: string };

function parseCursor(value: string | undefined): repo.EntryCursor | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/i.exec(value ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const publishedAt = new Date(match[1]);
  return Number.isNaN(publishedAt.getTime()) ? undefined : { publishedAt, id: match[2] };
}

/** Headers a cached page or feed is served again with. */
const cachedHeaders = ['etag', 'last-modified', 'access-control-allow-origin', 'cross-origin-resource-policy'] as const;

/**
 * A conditional GET that can be answered 304 (RFC 9110 §13.1): If-None-Match decides when sent
 * (weak comparison), else If-Modified-Since against the second-precision Last-Modified.
 */
function notModified(req: FastifyRequest, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  const modified = Date.parse(lastModified ?? '');
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** Data anyone may read and embed: no credentials involved, so every origin may fetch it. */
function publicData(reply: FastifyReply, maxAge: number): FastifyReply {
  return reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin').header('cache-control', `public, max-age=${maxAge}`);
}

/**
 * The public newsroom: pages, feeds, JWKS, the verify page and the public API. Register at the root
 * of the app (it owns `/newsroom`, `/verify`, `/.well-known/jwks.json` and `/api/v1/public/*`):
 * `await app.register(newsroomPlugin, { ctx })`.
 */
export const newsroomPlugin: FastifyPluginAsync<{ ctx: PlatformContext }> = async (instance, { ctx }) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, db } = ctx;
  const origin = new URL(config.publicUrl).origin;
  const css = fs.readFileSync(path.join(assetsDir, 'newsroom.css'));
  const script = fs.readFileSync(path.join(assetsDir, 'verify.js'));

  // HTML forms post url-encoded bodies; only this plugin's routes accept them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  async function pageContext(req: FastifyRequest): Promise<PageContext> {
    const query = req.query as Query;
    const ui = pickUiLanguage(query.ui, req.headers['accept-language']);
    const org = (await findRootUnit(db))?.name ?? config.orgName;
    return { ui, uiExplicit: query.ui === ui, t: translator(ui), org, path: req.url.split('?')[0] ?? '/' };
  }

  // Pages vary by Accept too: an entry page answers ActivityPub readers with its Note.
  const sendHtml = (reply: FastifyReply, html: string, status = 200, cache = 'public, max-age=60') =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', cache).header('vary', 'accept, accept-language').send(html);

  // Rendered pages and feeds by reader language and address; verification results by text.
  const rendered = publicCache<{ status: number; type: string; body: string; cache: string; headers: Record<string, string> }>(5_000, 2_000);
  const verified = publicCache<VerificationResult>(5_000, 5_000);
  const jwksCache = publicCache<unknown>(5_000, 1);
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/newsroom')) return;
    // The cache holds what people and feed readers get; ActivityPub readers are answered afresh.
    if (prefersActivityJson(req.headers.accept)) return;
    const hit = rendered.get(`${pickUiLanguage((req.query as Query | undefined)?.ui, req.headers['accept-language'])}|${req.url}`);
    if (!hit) return;
    void reply.headers(hit.headers);
    if (hit.headers.etag && notModified(req, hit.headers.etag, hit.headers['last-modified'])) return reply.status(304).header('cache-control', hit.cache).send();
    return reply.status(hit.status).type(hit.type).header('cache-control', hit.cache).header('vary', 'accept, accept-language').send(hit.body);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && req.url.startsWith('/newsroom') && !req.url.startsWith('/newsroom/assets') && reply.statusCode === 200 && typeof payload === 'string') {
      const key = `${pickUiLanguage((req.query as Query | undefined)?.ui, req.headers['accept-language'])}|${req.url}`;
      const headers: Record<string, string> = {};
      for (const name of cachedHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      rendered.set(key, { status: 200, type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), body: payload, cache: String(reply.getHeader('cache-control') ?? 'no-cache'), headers });
    }
    return payload;
  });

  // A rate-limited form post gets a page in the reader's language, not the API's JSON error.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err.statusCode === 429 && req.method === 'POST' && req.url.split('?')[0] === '/verify') {
      const page = await pageContext(req);
      return sendHtml(reply, renderVerify(page, { origin, form: { text: '', url: '' }, result: null, error: 'errorRateLimited' }), 429, 'no-store');
    }
    throw err;
  });

  app.get('/.well-known/jwks.json', { config: publicAccess, schema: { hide: true } }, async (_req, reply) => {
    publicData(reply, 300).type('application/jwk-set+json');
    const cached = jwksCache.get('jwks');
    if (cached) return cached;
    const jwks = await loadJwks(db);
    jwksCache.set('jwks', jwks);
    return jwks;
  });

  await app.register(auditCheckpointRoutes, { ctx, pageContext });

  app.get('/newsroom/assets/newsroom.css', { config: publicAccess, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  app.get('/newsroom/assets/verify.js', { config: publicAccess, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );

  async function index(req: FastifyRequest, reply: FastifyReply, language: string | null) {
    const page = await pageContext(req);
    const before = parseCursor((req.query as Query).before);
    const rows = await repo.listPublicEntries(db, { limit: pageSize + 1, ...(language ? { language } : {}), ...(before ? { before } : {}) });
    const entries = rows.slice(0, pageSize);
    const last = entries[entries.length - 1];
    const olderCursor = rows.length > pageSize && last ? `${last.publishedAt.toISOString()}_${last.id}` : null;
    const zones = await repo.audienceZones(db, entries.map((e) => e.statementId));
    return sendHtml(reply, renderIndex(page, { language, languages: await repo.publicLanguages(db), entries, zones, olderCursor, isFirstPage: !before }));
  }

  app.get('/newsroom', { config: publicAccess, schema: { hide: true } }, (req, reply) => index(req, reply, null));

  app.get('/newsroom/:lang', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const language = canonicalLanguage((req.params as { lang: string }).lang);
    if (!language) return sendHtml(reply, renderNotFound(await pageContext(req)), 404);
    return index(req, reply, language);
  });

  app.get('/newsroom/:lang/:slug', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const params = req.params as { lang: string; slug: string };
    const page = await pageContext(req);
    const language = canonicalLanguage(params.lang);
    const entry = language ? await repo.findPublicEntryBySlug(db, language, params.slug) : undefined;
    if (!entry) return sendHtml(reply, renderNotFound(page), 404);
    // The organisation actor's Note for this statement, when the statement went out on ActivityPub.
    const post = config.activityPubEnabled ? await findPost(db, entry.statementId) : undefined;
    const note = post && post.organisationId === entry.organisationId ? noteUrl(config.publicUrl, entry.organisationId, entry.statementId) : null;
    // A fediverse server looking the page up (a Mastodon search for its address) is sent to the
    // Note; for a withdrawn statement that answers 410 with a Tombstone, which is the truth.
    if (note && prefersActivityJson(req.headers.accept)) return reply.header('vary', 'accept, accept-language').redirect(note, 302);
    const siblings = await repo.publicSiblings(db, entry.statementId, entry.id);
    const timeZone = (await repo.audienceZones(db, [entry.statementId])).get(entry.statementId) ?? 'UTC';
    const claimReview = claimReviewOf(entry, { url: entryUrl(config, entry), organisation: page.org, publicUrl: config.publicUrl });
    return sendHtml(reply, renderEntry(page, { entry, timeZone, siblings, activityObject: note && !post?.withdrawnAt ? note : null, claimReview }));
  });

  async function feedEntries(req: FastifyRequest): Promise<{ language: string; entries: NewsroomEntryRow[] } | null> {
    const language = canonicalLanguage((req.params as { lang: string }).lang);
    if (!language) return null;
    return { language, entries: await repo.listPublicEntries(db, { language, limit: feedSize }) };
  }

  async function feedContext(req: FastifyRequest) {
    const found = await feedEntries(req);
    if (!found) throw new AppError('route.not-found', 'Not a language tag.');
    // A feed of nothing (a language the newsroom never published in) is not a feed: 404, not an empty one dated 1970.
    if (found.entries.length === 0) throw new AppError('route.not-found', 'The newsroom has published nothing in this language.');
    // A feed's own words follow its content where the interface has that language (Indonesian), else English.
    const ui = found.language.split('-')[0] === 'id' ? 'id' : 'en';
    const t = translator(ui);
    const org = (await findRootUnit(db))?.name ?? config.orgName;
    return { publicUrl: config.publicUrl, language: found.language, languageName: languageName(found.language, ui), org, t, entries: found.entries };
  }

  /** A feed with its validators: readers polling every few minutes get 304 until something changes. */
  function sendFeed(req: FastifyRequest, reply: FastifyReply, type: string, body: string, lastModified: Date) {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const modified = lastModified.toUTCString();
    publicData(reply, 300).type(type).header('etag', etag).header('last-modified', modified);
    if (notModified(req, etag, modified)) return reply.status(304).send();
    return reply.send(body);
  }

  app.get('/newsroom/:lang/rss.xml', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const ctx = await feedContext(req);
    return sendFeed(req, reply, 'application/rss+xml; charset=utf-8', renderRss(ctx), feedLastModified(ctx.entries));
  });
  app.get('/newsroom/:lang/atom.xml', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const ctx = await feedContext(req);
    return sendFeed(req, reply, 'application/atom+xml; charset=utf-8', renderAtom(ctx), feedLastModified(ctx.entries));
  });
  app.get('/newsroom/:lang/feed.json', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const ctx = await feedContext(req);
    return sendFeed(req, reply, 'application/feed+json; charset=utf-8', JSON.stringify(renderJsonFeed(ctx)), feedLastModified(ctx.entries));
  });

  app.get('/verify', { config: publicAccess, schema: { hide: true } }, async (req, reply) => {
    const page = await pageContext(req);
    const entry = (req.query as Query).entry;
    if (!entry) return sendHtml(reply, renderVerify(page, { origin, form: { text: '', url: '' }, result: null, error: null }));
    const result = await verifyEntryId(db, config, entry);
    return sendHtml(reply, renderVerify(page, { origin, form: { text: '', url: result?.entry?.url ?? '' }, result, error: result ? null : 'errorBadUrl' }), result ? 200 : 404, 'no-store');
  });

  app.post('/verify', { config: { ...publicAccess, rateLimit: { max: config.verifyRatePerMinute, timeWindow: 60_000 } }, schema: { hide: true } }, async (req, reply) => {
    const page = await pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = typeof body.text === 'string' ? body.text.slice(0, 200_000) : '';
    const url = typeof body.url === 'string' ? body.url.slice(0, 2_000).trim() : '';
    try {
      let result: VerificationResult;
      if (url) result = await verifyUrl(db, config, url);
      else if (text.trim() && parseBundle(text)) result = await verifyBundle(db, config, text);
      else if (text.trim()) result = await verifyText(db, config, text);
      else throw new VerifyInputError('empty', 'nothing to verify');
      return sendHtml(reply, renderVerify(page, { origin, form: { text, url }, result, error: null }), 200, 'no-store');
    } catch (err) {
      if (!(err instanceof VerifyInputError)) throw err;
      return sendHtml(reply, renderVerify(page, { origin, form: { text, url }, result: null, error: errorKeys[err.reason] }), 400, 'no-store');
    }
  });

  app.get(
    '/api/v1/public/statements/:entryId',
    { config: publicAccess, schema: { tags: ['newsroom'], summary: 'A signed statement: the canonical JSON, its detached JWS and key id', params: z.object({ entryId: z.uuid() }), response: { 200: signedStatementBundle } } },
    async (req, reply) => {
      const entry = await repo.findPublicEntry(db, req.params.entryId);
      if (!entry) throw new AppError('statement.not-found');
      publicData(reply, 60);
      return {
        entryId: entry.id,
        statementId: entry.statementId,
        language: entry.language,
        url: entryUrl(config, entry),
        publishedAt: entry.publishedAt.toISOString(),
        kid: entry.kid,
        canonical: entry.canonical,
        jws: entry.jws,
        jwksUrl: `${config.publicUrl}/.well-known/jwks.json`,
        withdrawn: entry.withdrawnAt !== null,
        withdrawnAt: entry.withdrawnAt?.toISOString() ?? null,
        withdrawReason: entry.withdrawReason,
        /** The signed withdrawal ({ canonical, jws }), checked like the statement with the same key set. */
        withdrawal: entry.withdrawalCanonical && entry.withdrawalJws ? { canonical: entry.withdrawalCanonical, jws: entry.withdrawalJws } : null,
      };
    },
  );

  app.post(
    '/api/v1/public/verify',
    {
      config: { ...publicAccess, rateLimit: { max: config.verifyRatePerMinute, timeWindow: 60_000 } },
      schema: { tags: ['newsroom'], summary: 'Verify a text, a newsroom URL or a signed bundle against the published statements', body: verifyBody, response: { 200: verificationResult } },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      const body = req.body;
      try {
        if (body.url !== undefined) return await verifyUrl(db, config, body.url);
        if (body.signedJson !== undefined) return await verifyBundle(db, config, body.signedJson);
        const text = body.text ?? '';
        const key = createHash('sha256').update(text).digest('base64url');
        const cached = verified.get(key);
        if (cached) return cached;
        const result = await verifyText(db, config, text);
        verified.set(key, result);
        return result;
      } catch (err) {
        if (err instanceof VerifyInputError) throw new AppError('request.invalid', err.message, { reason: err.reason });
        throw err;
      }
    },
  );
};

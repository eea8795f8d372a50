import {
  sharingCollectionDto,
  sharingCollectionListResponse,
  createSharingCollectionRequest,
  createSharingPartnerRequest,
  stixExportPreview,
  stixExportSelection,
  sharingImportReportDto,
  issuePartnerTokenRequest,
  issuePartnerTokenResponse,
  sharingPartnerDto,
  sharingPartnerListResponse,
  setSharingAccessRequest,
  stixBundleBody,
  updateSharingCollectionRequest,
  updateSharingPartnerRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { noContent } from '../../../../platform/http/responses.ts';
import { partnerTokens } from '../../../identity/index.ts';
import { exportSelection, previewSelection, publishSelection } from '../commands/export-bundle.ts';
import { importBundle } from '../commands/import-bundle.ts';
import { createCollection, setAccess, updateCollection } from '../commands/manage-collections.ts';
import { createPartner, issueToken, revokeToken, updatePartner } from '../commands/manage-partners.ts';
import { accessOfCollections, accessOfPartner, accessOfPartners, countObjects, findCollection, listCollections, listPartners, type PartnerRow } from '../sharing.repo.ts';
import { presentPartner, presentStaffCollection, presentToken } from '../sharing.presenter.ts';
import { maxContentLength } from '../taxii/taxii.routes.ts';

const tags = ['integrity'];
const manage = { auth: { access: 'permission', permission: 'integrity.manage' } } as const;
const idParams = z.object({ id: uuid });

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

/** Staff routes of threat sharing under /api/v1/integrity/sharing (integrity.manage). */
export const sharingRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const partnerView = async (p: PartnerRow) => presentPartner(p, await accessOfPartner(ctx.db, p.id), await partnerTokens(ctx.db, p.userId));
  const collectionView = async (id: string) => {
    const c = await findCollection(ctx.db, id);
    if (!c) throw new AppError('sharing-collection.not-found');
    return presentStaffCollection(c, (await countObjects(ctx.db, [id])).get(id) ?? 0, await accessOfCollections(ctx.db, [id]));
  };

  app.get('/integrity/sharing/partners', { config: manage, schema: { tags, summary: 'Partner organisations, their collection access and live tokens', response: { 200: sharingPartnerListResponse } } }, async () => {
    const partners = await listPartners(ctx.db);
    const access = await accessOfPartners(ctx.db, partners.map((p) => p.id));
    const items = [];
    for (const p of partners) items.push(presentPartner(p, access.filter((a) => a.partnerId === p.id), await partnerTokens(ctx.db, p.userId)));
    return { items };
  });

  app.post('/integrity/sharing/partners', { config: manage, schema: { tags, summary: 'Add a partner organisation (its TAXII account is created with it)', body: createSharingPartnerRequest, response: { 201: sharingPartnerDto } } }, async (req, reply) => {
    const partner = await createPartner(ctx, requirePrincipal(req), req.body, actorOf(req));
    return reply.status(201).send(await partnerView(partner));
  });

  app.patch(
    '/integrity/sharing/partners/:id',
    { config: { ...manage, errors: ['sharing-partner.not-found'] }, schema: { tags, summary: 'Rename a partner, or disable it (its tokens are revoked)', params: idParams, body: updateSharingPartnerRequest, response: { 200: sharingPartnerDto } } },
    async (req) => partnerView(await updatePartner(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req))),
  );

  app.post(
    '/integrity/sharing/partners/:id/tokens',
    { config: { ...manage, errors: ['sharing-partner.not-found'] }, schema: { tags, summary: 'Issue a TAXII token to a partner (read, or read and write); the secret is shown once', params: idParams, body: issuePartnerTokenRequest, response: { 201: issuePartnerTokenResponse } } },
    async (req, reply) => {
      const { token, secret } = await issueToken(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return reply.status(201).send({ token: presentToken(token), secret });
    },
  );

  app.delete(
    '/integrity/sharing/partners/:id/tokens/:tokenId',
    { config: { ...manage, errors: ['sharing-partner.not-found', 'sharing-token.not-found'] }, schema: { tags, summary: "Revoke a partner's token", params: z.object({ id: uuid, tokenId: uuid }), response: { 204: noContent('Revoked') } } },
    async (req, reply) => {
      await revokeToken(ctx, requirePrincipal(req), req.params.id, req.params.tokenId, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get('/integrity/sharing/collections', { config: manage, schema: { tags, summary: 'TAXII collections with their object counts and partner access', response: { 200: sharingCollectionListResponse } } }, async () => {
    const rows = await listCollections(ctx.db);
    const ids = rows.map((c) => c.id);
    const counts = await countObjects(ctx.db, ids);
    const access = await accessOfCollections(ctx.db, ids);
    return { items: rows.map((c) => presentStaffCollection(c, counts.get(c.id) ?? 0, access.filter((a) => a.collectionId === c.id))) };
  });

  app.post(
    '/integrity/sharing/collections',
    { config: { ...manage, errors: ['sharing-collection.alias-taken'] }, schema: { tags, summary: 'Add a TAXII collection', body: createSharingCollectionRequest, response: { 201: sharingCollectionDto } } },
    async (req, reply) => {
      const row = await createCollection(ctx, requirePrincipal(req), req.body, actorOf(req));
      return reply.status(201).send(await collectionView(row.id));
    },
  );

  app.patch(
    '/integrity/sharing/collections/:id',
    { config: { ...manage, errors: ['sharing-collection.not-found', 'sharing-collection.alias-taken'] }, schema: { tags, summary: 'Change a collection', params: idParams, body: updateSharingCollectionRequest, response: { 200: sharingCollectionDto } } },
    async (req) => {
      await updateCollection(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
      return collectionView(req.params.id);
    },
  );

  app.put(
    '/integrity/sharing/collections/:id/access/:partnerId',
    {
      config: { ...manage, errors: ['sharing-collection.not-found', 'sharing-partner.not-found'] },
      schema: { tags, summary: "Set a partner's read / write access to a collection (both false removes it)", params: z.object({ id: uuid, partnerId: uuid }), body: setSharingAccessRequest, response: { 200: sharingCollectionDto } },
    },
    async (req) => {
      await setAccess(ctx, requirePrincipal(req), req.params.id, req.params.partnerId, req.body, actorOf(req));
      return collectionView(req.params.id);
    },
  );

  app.post(
    '/integrity/sharing/collections/:id/import',
    {
      config: { ...manage, errors: ['sharing-collection.not-found', 'sharing-bundle.invalid'] },
      bodyLimit: maxContentLength,
      schema: { tags, summary: "Upload a partner's STIX 2.1 bundle file into a collection: all of it is stored, or nothing and the reasons", params: idParams, body: stixBundleBody, response: { 201: sharingImportReportDto } },
    },
    async (req, reply) => reply.status(201).send(await importBundle(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req), 'uploaded')),
  );

  app.post(
    '/integrity/sharing/collections/:id/publish',
    {
      config: { ...manage, errors: ['sharing-collection.not-found', 'sharing-bundle.invalid'] },
      schema: { tags, summary: 'Publish stored integrity records (findings, claims, official accounts, chosen by id or filter, those the caller reads) to a collection as STIX 2.1', params: idParams, body: stixExportSelection, response: { 201: sharingImportReportDto } },
    },
    async (req, reply) => reply.status(201).send(await publishSelection(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req))),
  );

  app.post(
    '/integrity/sharing/export',
    { config: { ...manage, errors: ['request.invalid'] }, schema: { tags, summary: 'Stored integrity records (chosen by id or filter, those the caller reads) as a STIX 2.1 bundle (a download; nothing is stored or shared)', body: stixExportSelection, response: { 200: stixBundleBody } } },
    async (req, reply) => {
      const { bundle } = await exportSelection(ctx, requirePrincipal(req), req.body);
      return reply.header('content-disposition', `attachment; filename="${bundle.id}.json"`).send(bundle);
    },
  );

  app.post(
    '/integrity/sharing/export/preview',
    { config: { ...manage, errors: ['request.invalid'] }, schema: { tags, summary: 'How many records and STIX objects a selection gives, before it is downloaded or published', body: stixExportSelection, response: { 200: stixExportPreview } } },
    async (req) => previewSelection(ctx, requirePrincipal(req), req.body),
  );
};

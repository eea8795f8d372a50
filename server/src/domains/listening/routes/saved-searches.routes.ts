import { createSavedSearchRequest, savedSearchDto, savedSearchListResponse, searchSuggestionsQuery, searchSuggestionsResponse, updateSavedSearchRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { noContent } from '../../../platform/http/responses.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { similarTerms } from '../listening-search.repo.ts';
import { changeSavedSearch, createSavedSearch, listSavedSearches, presentSavedSearch, removeSavedSearch, visibleSavedSearch } from '../live/manage-saved-searches.ts';
import { readableUnits } from '../live/readable-units.ts';
import { combineSuggestions, suggestionWords } from '../live/suggestions.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;
const idParams = z.object({ id: uuid });

/** Saved searches (mine and those shared with me) and the search's "did you mean". */
export const savedSearchRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get('/listening/saved-searches', { config: read, schema: { tags: ['listening'], summary: 'My saved searches and those shared in units whose items I may read', response: { 200: savedSearchListResponse } } }, async (req) => {
    return { items: await listSavedSearches(ctx, requirePrincipal(req)) };
  });

  app.post('/listening/saved-searches', { config: read, schema: { tags: ['listening'], summary: 'Save the search’s filters under a name (optionally shared with the unit’s readers)', body: createSavedSearchRequest, response: { 201: savedSearchDto } } }, async (req, reply) => {
    return reply.status(201).send(await createSavedSearch(ctx, requirePrincipal(req), req.body));
  });

  app.get('/listening/saved-searches/:id', { config: read, schema: { tags: ['listening'], summary: 'One saved search', params: idParams, response: { 200: savedSearchDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const row = await visibleSavedSearch(ctx, p, req.params.id);
    return presentSavedSearch(p, row, row.ownerId === p.userId ? p.displayName : null);
  });

  app.patch('/listening/saved-searches/:id', { config: read, schema: { tags: ['listening'], summary: 'Rename, re-filter or (un)share my saved search', params: idParams, body: updateSavedSearchRequest, response: { 200: savedSearchDto } } }, async (req) => {
    return changeSavedSearch(ctx, requirePrincipal(req), req.params.id, req.body);
  });

  app.delete('/listening/saved-searches/:id', { config: read, schema: { tags: ['listening'], summary: 'Delete my saved search', params: idParams, response: { 204: noContent('Deleted') } } }, async (req, reply) => {
    await removeSavedSearch(ctx, requirePrincipal(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/listening/suggestions', { config: read, schema: { tags: ['listening'], summary: 'Did you mean: close spellings for a one- or two-word query (recent headlines, hashtags, authors)', querystring: searchSuggestionsQuery, response: { 200: searchSuggestionsResponse } } }, async (req) => {
    const words = suggestionWords(req.query.q);
    if (!words) return { suggestions: [] };
    const units = await readableUnits(ctx, requirePrincipal(req), req.query.unitId);
    const perWord = await similarTerms(ctx.db, units.map((u) => u.id), words);
    return { suggestions: combineSuggestions(req.query.q, perWord) };
  });
};

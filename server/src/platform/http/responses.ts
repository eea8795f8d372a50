import { z } from 'zod';

// Response schemas for answers without a JSON body. Fastify never serialises them (a redirect and
// a 204 have no payload; a file is sent as a stream or a string), so they only tell the OpenAPI
// document what comes back; typed `unknown` so that a handler may send its stream or nothing.

const documentOnly = (schema: z.ZodType, description: string) => schema.describe(description) as z.ZodType<unknown>;

/** A redirect (302); `to` says where the Location header points. */
export const redirectTo = (to: string) => documentOnly(z.null(), `A redirect; Location: ${to}`);

/** An empty answer (204). */
export const noContent = (what: string) => documentOnly(z.null(), what);

/** A file download in one of the given media types (`*\/*`: the file's own type). */
export const fileDownload = (description: string, mediaTypes: string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: documentOnly(z.string(), description) }])),
});

import { type ErrorCode, errorBody, errorCatalogue, errorCodes } from '@diplodesk/contracts';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from '../authz/route-auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Catalogue codes this route answers besides those that follow from its access rule, input and
     * path (those are derived): the domain's own refusals, such as `statement.invalid-state`.
     */
    errors?: ErrorCode[];
  }
}

/**
 * What the OpenAPI document derives from a route instead of repeating it on every route: its
 * operationId, its security requirement (from `config.auth`) and its error responses (from the
 * access rule, step-up, input schemas, path ids and `config.errors`). Every error
 * response refers to one `ErrorResponse` schema and carries one example per catalogue code.
 */
export type OpenApiOptions = {
  version: string;
  publicUrl: string;
  /** STAFF_URL when the staff API has a host of its own: the document's server, the public API keeping PUBLIC_URL. */
  staffUrl?: string | null;
  sessionCookie: string;
  csrfCookie: string;
};

const publicApiPath = /^\/api\/v1\/public\//;

type Route = Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>;
type Schema = Record<string, unknown>;
type Operation = { operationId?: string; description?: string; responses?: Record<string, unknown> };

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The not-found code for the id that follows a collection segment (`/statements/{id}` →
 * `statement.not-found`); a collection named like another is keyed with its parent segment
 * (`un-votes/imports`), which is looked up first. A path id whose collection is not here gets no
 * 404 of its own, and openapi.test.ts fails, so a new resource cannot go undocumented.
 */
export const notFoundByCollection: Record<string, ErrorCode> = {
  units: 'unit.not-found',
  users: 'user.not-found',
  memberships: 'membership.not-found',
  tokens: 'token.not-found',
  sessions: 'session.not-found',
  passkeys: 'passkey.not-found',
  providers: 'sso.provider-not-found',
  statements: 'statement.not-found',
  attachments: 'statement.attachment-not-found',
  versions: 'statement.version-not-found',
  'clearance-chains': 'clearance-chain.not-found',
  'statement-templates': 'template.not-found',
  'channel-accounts': 'channel.account-not-found',
  publications: 'publication.not-found',
  sources: 'listening-source.not-found',
  items: 'listening-item.not-found',
  imports: 'listening-import.not-found',
  'un-votes/imports': 'insights-unvotes.import-not-found',
  topics: 'listening-topic.not-found',
  'saved-searches': 'listening-saved-search.not-found',
};

function segmentsOf(url: string): string[] {
  return url.replace(/^\/api\/v1\//, '').split('/').filter(Boolean);
}

const isParam = (segment: string) => segment.startsWith(':');

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * `GET /api/v1/statements/:id/versions/:number` → `getStatementVersion`: the method, then the
 * path's words, a collection named in the singular when an id follows it.
 */
export function operationIdFor(method: string, url: string): string {
  const segments = segmentsOf(url);
  const words = segments.flatMap((s, i) => (isParam(s) ? [] : [isParam(segments[i + 1] ?? '') ? singular(s) : s]));
  return `${method.toLowerCase()}${pascal(words.join('-'))}`;
}

/** The OpenAPI security requirement of an access rule: none for public routes. */
export function securityFor(method: string, rule: RouteAccess | undefined, stepUp: boolean): Record<string, string[]>[] {
  if (!rule || rule.access === 'public') return [];
  const session: Record<string, string[]> = unsafeMethods.has(method) && rule.access !== 'mfa-pending' ? { session: [], csrf: [] } : { session: [] };
  if (rule.access === 'mfa-pending' || stepUp || (rule.access === 'signed-in' && rule.tokens === false)) return [session];
  // OpenAPI 3.1 lets a non-OAuth requirement name roles: here, the scope the API token needs.
  return [session, { token: rule.access === 'permission' ? [rule.permission] : [] }];
}

/** Every catalogue code the route can answer with, derived from how it is declared. */
export function errorCodesFor(route: Route): ErrorCode[] {
  const method = [route.method].flat()[0] ?? 'GET';
  const rule = route.config?.auth;
  const schema = (route.schema ?? {}) as Schema;
  const codes = new Set<ErrorCode>();
  // Fastify reads the body of every unsafe method that sends one, whether or not the route takes one.
  if (unsafeMethods.has(method)) for (const c of ['request.malformed', 'request.too-large', 'request.unsupported-media-type'] as const) codes.add(c);
  if (schema.body || schema.querystring || schema.params) codes.add('request.invalid');
  // A body that names a unit is answered 404 when the unit does not exist (or is out of reach).
  if ((schema.body as { shape?: Record<string, unknown> } | undefined)?.shape?.unitId) codes.add('unit.not-found');
  const segments = segmentsOf(route.url ?? '');
  segments.forEach((s, i) => {
    if (!isParam(s)) return;
    codes.add('request.uri-too-long');
    const found = notFoundByCollection[segments.slice(Math.max(0, i - 2), i).join('/')] ?? notFoundByCollection[segments[i - 1] ?? ''];
    if (found) codes.add(found);
  });
  if (rule && rule.access !== 'public') {
    codes.add('auth.required');
    if (rule.access !== 'mfa-pending') {
      for (const c of ['auth.mfa-required', 'auth.password-change-required', 'auth.mfa-setup-required'] as const) codes.add(c);
      if (unsafeMethods.has(method)) codes.add('auth.csrf');
      // A permission route refuses whom the permission is not given; a signed-in one refuses an account kept to one area (identity's request guards: a meeting guest).
      codes.add('authz.forbidden');
      if (rule.access === 'permission' || rule.tokens === false) codes.add('auth.token-scope');
    }
  }
  if (route.config?.stepUp) for (const c of ['auth.step-up-required', 'auth.session-required'] as const) codes.add(c);
  // Every /api/ route spends its caller's API_RATE_PER_MINUTE (or, under /api/v1/public/, the
  // address's PUBLIC_RATE_PER_MINUTE); some have a stricter limit of their own as well.
  codes.add('auth.rate-limited');
  for (const c of route.config?.errors ?? []) codes.add(c);
  return [...codes];
}

const errorRef = { $ref: '#/components/schemas/ErrorResponse' };

function errorResponse(codes: ErrorCode[]): Schema {
  return {
    description: codes.map((c) => `\`${c}\``).join(', '),
    content: {
      'application/json': {
        schema: errorRef,
        examples: Object.fromEntries(codes.map((code) => [code, { summary: errorCatalogue[code].message, value: { error: { code, message: errorCatalogue[code].message } } }])),
      },
    },
  };
}

/** The 4xx responses of a route, one per status, each listing its codes. */
export function errorResponsesFor(route: Route): Record<string, Schema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesFor(route)) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [String(status), errorResponse(codes)]));
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The @fastify/swagger options: the document's frame, and the per-route derivations above. */
export function openApiOptions(opts: OpenApiOptions): FastifyDynamicSwaggerOptions {
  // Filled route by route by `transform`, merged into the finished document by `transformObject`.
  const errorsByOperation = new Map<string, Record<string, Schema>>();
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'DiploDesk API',
        version: opts.version,
        description: 'Every error answers `{ "error": { "code", "message", "details" } }` (the `ErrorResponse` schema); each operation lists the catalogue codes it can answer, and docs/api-errors.md describes them all.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: opts.staffUrl
        ? [{ url: opts.staffUrl.replace(/\/+$/, ''), description: 'The staff API of this installation (STAFF_URL)' }]
        : [{ url: opts.publicUrl.replace(/\/+$/, ''), description: 'This installation (PUBLIC_URL)' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: opts.sessionCookie, description: 'The session cookie set by POST /api/v1/auth/login (and the second-factor step).' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: `With a session, every POST, PUT, PATCH and DELETE also sends this header: the value of the \`${opts.csrfCookie}\` cookie, also returned as \`csrfToken\` by GET /api/v1/me. Missing or wrong: 403 \`auth.csrf\`. API tokens do not need it.`,
          },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/v1/me/tokens); the scope an operation needs is named in its security requirement.' },
        },
      },
    },
    stripBasePath: false,
    transform: (input) => {
      const out = jsonSchemaTransform(input) as { schema: Schema & { hide?: boolean }; url: string };
      const route = input.route as Route;
      const method = [route.method].flat()[0] ?? 'GET';
      if (out.schema?.hide || !route.url) return out;
      errorsByOperation.set(`${method.toLowerCase()} ${openApiPath(route.url)}`, errorResponsesFor(route));
      return {
        ...out,
        schema: { operationId: operationIdFor(method, route.url), security: securityFor(method, route.config?.auth, route.config?.stepUp === true), ...out.schema },
      };
    },
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject;
      const { openapiObject } = document;
      const paths = (openapiObject.paths ?? {}) as Record<string, Record<string, Operation>>;
      for (const [path, item] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const errors = errorsByOperation.get(`${method} ${path}`);
          if (!errors) continue;
          operation.responses = {
            ...operation.responses,
            ...errors,
            default: { description: 'The server could not answer (`internal`, `service.unavailable`)', content: { 'application/json': { schema: errorRef } } },
          };
        }
        // Readers' endpoints answer on the public host only; the staff host redirects them there.
        if (opts.staffUrl && publicApiPath.test(path)) Object.assign(item, { servers: [{ url: opts.publicUrl.replace(/\/+$/, ''), description: 'The public newsroom (PUBLIC_URL)' }] });
      }
      const components = (openapiObject.components ?? {}) as { schemas?: Record<string, unknown> };
      components.schemas = { ...components.schemas, ErrorResponse: errorResponseSchema() };
      return { ...openapiObject, components } as typeof openapiObject;
    },
  };
}

/** The API's one error body, its `code` limited to the catalogue. */
function errorResponseSchema(): Schema {
  const body = errorBody.extend({
    error: errorBody.shape.error.extend({
      code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]).describe('Stable and machine-readable; docs/api-errors.md lists every code.'),
      message: z.string().describe('English, for a person.'),
      details: z.unknown().optional().describe('Depends on the code: for `request.invalid`, the problems as { path, message }.'),
    }),
  });
  const { $schema: _, ...schema } = z.toJSONSchema(body, { target: 'draft-2020-12' }) as Schema;
  return schema;
}

import { type ErrorCode, errorCatalogue } from '@diplodesk/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogueCodeOf } from '../../../../platform/http/error-handler.ts';
import { AppError, isAppError } from '../../../../platform/errors/app-error.ts';

/** The one media type of TAXII 2.1 resources (§1.6.8), requests and responses alike. */
export const taxiiMediaType = 'application/taxii+json;version=2.1';
export const stixMediaType = 'application/stix+json;version=2.1';

type MediaRange = { type: string; params: Map<string, string> };

function parseMediaRange(text: string): MediaRange {
  const [type = '', ...params] = text.split(';').map((s) => s.trim());
  const map = new Map<string, string>();
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (k && v !== undefined) map.set(k.toLowerCase(), v);
  }
  return { type: type.toLowerCase(), params: map };
}

/**
 * Does the Accept header allow a TAXII 2.1 answer? `application/taxii+json` with version 2.1 (or
 * no version: the latest, which is 2.1), or a wildcard; no header at all means anything (RFC 9110).
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const range = parseMediaRange(part);
    const q = range.params.get('q');
    if (q !== undefined && Number(q) === 0) return false;
    if (range.type === '*/*' || range.type === 'application/*') return true;
    if (range.type !== 'application/taxii+json') return false;
    const version = range.params.get('version');
    return version === undefined || version === '2.1';
  });
}

/** Is this request body TAXII 2.1 (its Content-Type)? */
export function isTaxiiContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const range = parseMediaRange(contentType);
  const version = range.params.get('version');
  return range.type === 'application/taxii+json' && (version === undefined || version === '2.1');
}

/** The TAXII error message resource (§3.6.1) of an error: `http_status` is a string there. */
export function taxiiError(status: number, code: ErrorCode, message: string, details?: unknown) {
  return {
    title: errorCatalogue[code].message,
    description: message,
    error_code: code,
    http_status: String(status),
    ...(details !== undefined ? { details } : {}),
  };
}

/**
 * Installs TAXII's content negotiation and error shape on the encapsulated context it is called
 * in: only `application/taxii+json` bodies are parsed (anything else is 415 before a handler
 * runs), an Accept the server cannot satisfy is 406, and every answer — errors included — is an
 * `application/taxii+json;version=2.1` document.
 */
export function installTaxiiHttp(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('request.malformed', 'The body is not valid JSON.'), undefined);
    }
  });
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!acceptsTaxii(req.headers.accept)) throw new AppError('taxii.not-acceptable');
    if (req.method === 'POST' && !isTaxiiContent(req.headers['content-type'])) {
      throw new AppError('request.unsupported-media-type', `Send the objects as ${taxiiMediaType}.`);
    }
  });
  app.addHook('onSend', async (_req, reply: FastifyReply, payload) => {
    void reply.header('content-type', taxiiMediaType);
    return payload;
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const code = catalogueCodeOf(err);
    const e = isAppError(err) ? err : new AppError(code);
    if (code === 'internal') req.log.error({ err }, 'unhandled TAXII error');
    if (e.status === 401) void reply.header('www-authenticate', 'Bearer realm="taxii"');
    const message = isAppError(err) ? err.message : code === 'request.unsupported-media-type' ? `Send the objects as ${taxiiMediaType}.` : e.message;
    return reply.status(e.status).send(taxiiError(e.status, e.code, message, isAppError(err) ? err.details : undefined));
  });
}

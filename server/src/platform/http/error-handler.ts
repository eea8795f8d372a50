import type { ErrorBody } from '@diplodesk/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors/app-error.ts';

// Fastify's own error codes that are the client's fault, mapped to our catalogue.
const fastifyCodes: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_EMPTY_TYPE: 'request.unsupported-media-type',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported-media-type',
  FST_ERR_VALIDATION: 'request.invalid',
};

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * The catalogued code the error handler below answers `err` with (for hooks that must tell refusals
 * apart, such as the denial audit). Kept beside the handler: the two must agree.
 */
export function catalogueCodeOf(err: FastifyError): AppError['code'] {
  if (isAppError(err)) return err.code;
  if (hasZodFastifySchemaValidationErrors(err)) return 'request.invalid';
  if (err.statusCode === 429) return 'auth.rate-limited';
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request.too-large';
  const mapped = err.code ? fastifyCodes[err.code] : undefined;
  if (mapped) return mapped;
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'request.invalid';
  return 'internal';
}

/** One error shape for the whole API: `{ error: { code, message, details } }`, never a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isAppError(err)) {
      if (err.code === 'auth.rate-limited' || err.code === 'auth.locked') {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) void reply.header('retry-after', String(retry));
      }
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send(body('request.invalid', describeValidation(details), details));
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(body('auth.rate-limited', new AppError('auth.rate-limited').message));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Say the limit, so the person can shorten what they send rather than guess.
      const maxBytes = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1_048_576;
      const e = new AppError('request.too-large', `The request body is larger than ${formatBytes(maxBytes)}, the most this endpoint takes.`, { maxBytes });
      return reply.status(e.status).send(body(e.code, e.message, e.details));
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) {
      const e = new AppError(mapped);
      return reply.status(e.status).send(body(e.code, e.message));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('request.invalid', err.message));
    }
    if (isResponseSerializationError(err)) req.log.error({ err, url: req.url }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', new AppError('internal').message));
  });

  app.setNotFoundHandler((req, reply) => {
    const e = new AppError('route.not-found', `No endpoint ${req.method} ${req.url.split('?')[0]}.`);
    return reply.status(404).send(body(e.code, e.message));
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${Number((bytes / 1_048_576).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function describeValidation(details: { path: string; message: string }[]): string {
  const first = details[0];
  if (!first) return 'The request is not valid.';
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return `${first.path}: ${first.message}${more}`;
}

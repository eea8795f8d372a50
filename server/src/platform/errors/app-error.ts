import { type ErrorCode, errorCatalogue } from '@diplodesk/contracts';

/**
 * The only error a command or route throws on purpose. Its code comes from the catalogue in
 * packages/contracts; the HTTP status follows from the code.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalogue[code].message);
    this.code = code;
    this.details = details;
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * `request.invalid` from a schema's issues, for a check run after a change is merged into what is
 * stored (the route's schema saw only the change): the first issue says what is wrong.
 */
export function invalidRequest(issues: readonly { path: readonly PropertyKey[]; message: string }[], fallback: string): AppError {
  return new AppError('request.invalid', issues[0]?.message ?? fallback, { issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
}

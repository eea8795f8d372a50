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

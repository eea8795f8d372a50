import { type ErrorCode, errorCatalogue } from '@diplodesk/contracts';

/**
 * The only error a command or route throws on purpose. Its code comes from the catalogue in
 * packages/contracts; the HTTP status follows from the code.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * The one catalogue of API error codes. Every `AppError` carries one of these codes; the HTTP
 * status and the default English message live here so server, web and docs agree.
 * Documented for integrators in docs/api-errors.md (a test keeps the two in step).
 */
export const errorCatalogue = {
  'request.invalid': { status: 400, message: 'The request is not valid.' },
  'request.malformed': { status: 400, message: 'The request body could not be read.' },
  'request.too-large': { status: 413, message: 'The request body is too large.' },
  'request.unsupported-media-type': { status: 415, message: 'The request content type is not supported.' },
  'route.not-found': { status: 404, message: 'No such endpoint.' },
  'auth.required': { status: 401, message: 'Sign in to continue.' },
  'auth.invalid-credentials': { status: 401, message: 'The e-mail address or password is wrong.' },
  'auth.locked': { status: 423, message: 'This account is locked after too many failed sign-ins.' },
  'auth.rate-limited': { status: 429, message: 'Too many requests. Wait a moment and try again.' },
  'auth.mfa-required': { status: 401, message: 'Enter the code from your authenticator app.' },
  'auth.mfa-invalid': { status: 401, message: 'The authentication code is wrong or was already used.' },
  'auth.mfa-already-enabled': { status: 409, message: 'Two-step verification is already on.' },
  'auth.mfa-not-enabled': { status: 409, message: 'Two-step verification is not on.' },
  'auth.mfa-setup-missing': { status: 409, message: 'Start two-step verification setup first.' },
  'auth.csrf': { status: 403, message: 'The request is missing its CSRF token. Reload the page and try again.' },
  'auth.user-inactive': { status: 403, message: 'This account is deactivated.' },
  'auth.password-weak': { status: 400, message: 'Choose a password of at least 12 characters.' },
  'auth.token-scope': { status: 403, message: 'This API token does not have the scope this action needs.' },
  'authz.forbidden': { status: 403, message: 'You do not have permission to do this.' },
  'unit.not-found': { status: 404, message: 'No such organisation unit.' },
  'unit.code-taken': { status: 409, message: 'Another unit already uses this code.' },
  'unit.parent-invalid': { status: 400, message: 'A unit cannot be moved under itself or one of its sub-units.' },
  'unit.root-exists': { status: 409, message: 'The organisation already has a top-level unit.' },
  'user.not-found': { status: 404, message: 'No such user.' },
  'user.email-taken': { status: 409, message: 'Another user already has this e-mail address.' },
  'user.last-admin': { status: 409, message: 'This would leave the organisation without an administrator.' },
  'membership.not-found': { status: 404, message: 'No such membership.' },
  'membership.exists': { status: 409, message: 'The user already has this role at this unit.' },
  'token.not-found': { status: 404, message: 'No such API token.' },
  'audit.not-found': { status: 404, message: 'No such audit entry.' },
  'service.unavailable': { status: 503, message: 'The service is starting or shutting down.' },
  internal: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

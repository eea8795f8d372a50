/**
 * Actions and target types the server writes today, offered as suggestions in the filters.
 * Free text stays allowed: domains added later write codes this list does not know yet.
 */
export const knownAuditActions = [
  'auth.signed-in',
  'auth.signed-out',
  'auth.sign-in-failed',
  'user.created',
  'user.updated',
  'user.password-set',
  'user.mfa-enabled',
  'user.mfa-disabled',
  'membership.granted',
  'membership.revoked',
  'unit.created',
  'unit.updated',
  'token.created',
  'token.revoked',
  'workspace.initialised',
  'system.jobs-probed',
] as const;

export const knownAuditTargetTypes = ['user', 'unit', 'membership', 'api-token', 'workspace', 'jobs'] as const;

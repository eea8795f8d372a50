import { z } from 'zod';
import { isoDateTime, plainText, uuid } from './common.ts';
import { staffRole } from './identity.ts';

/** The provider's key in URLs: `/api/v1/auth/sso/<key>/login` and `…/callback`. */
export const ssoProviderKey = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

/**
 * One claim → role rule: when the ID token's (or userinfo's) `claim` equals `value` (a string
 * claim) or contains it (an array claim), the user holds `role` at the unit.
 */
export const ssoRule = z.object({
  claim: z.string().min(1).max(100),
  match: z.enum(['equals', 'contains']),
  value: z.string().min(1).max(200),
  unitId: uuid,
  role: staffRole,
});
export type SsoRule = z.infer<typeof ssoRule>;

/** With no rule matching: refuse the sign-in, or let the person in as a viewer at the root unit. */
export const ssoNoMatch = z.enum(['refuse', 'viewer']);

const providerFields = {
  displayName: plainText(1, 80),
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().min(1).max(300),
  scopes: z
    .string()
    .max(300)
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'scopes separated by single spaces')
    .refine((s) => s.split(' ').includes('openid'), 'must include openid'),
  enabled: z.boolean(),
  linkExistingByEmail: z.boolean(),
  noMatch: ssoNoMatch,
  requireMfa: z.boolean(),
  rules: z.array(ssoRule).max(100),
};

/**
 * The provider enforces a second factor at every sign-in although it may not say so in `amr`: its
 * users then count as having MFA for the organisation's MFA policy.
 */
const idpEnforcesMfa = z.boolean();
export const createSsoProviderRequest = z.object({ key: ssoProviderKey, ...providerFields, idpEnforcesMfa: idpEnforcesMfa.default(false), clientSecret: z.string().min(1).max(500) });
/** Every field optional; a client secret is only replaced when one is sent. */
export const updateSsoProviderRequest = z.object({ ...providerFields, idpEnforcesMfa, clientSecret: z.string().min(1).max(500) }).partial();
export type CreateSsoProviderRequest = z.infer<typeof createSsoProviderRequest>;
export type UpdateSsoProviderRequest = z.infer<typeof updateSsoProviderRequest>;

/** A provider as the admin sees it: the client secret never leaves the server, only whether one is set. */
export const ssoProviderDto = z.object({
  id: uuid,
  key: ssoProviderKey,
  ...providerFields,
  idpEnforcesMfa,
  hasClientSecret: z.boolean(),
  redirectUri: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SsoProviderDto = z.infer<typeof ssoProviderDto>;
export const ssoProviderListResponse = z.object({ items: z.array(ssoProviderDto) });

/** What the sign-in page shows: enabled providers only, no configuration. */
export const publicSsoProvider = z.object({ key: ssoProviderKey, displayName: z.string(), loginUrl: z.string() });
export const publicSsoProviderList = z.object({ items: z.array(publicSsoProvider) });
export type PublicSsoProvider = z.infer<typeof publicSsoProvider>;

/**
 * Why a single sign-on ended without a session. The callback redirects the browser to
 * `/login?sso_error=<reason>` and the sign-in page explains it.
 */
export const ssoFailureReasons = [
  'provider-unavailable',
  'flow-invalid',
  'provider-error',
  'email-unverified',
  'account-exists',
  'no-role',
  'mfa-required',
  'inactive',
] as const;
export type SsoFailureReason = (typeof ssoFailureReasons)[number];

import { z } from 'zod';
import { isoDateTime, personName, plainText, policies, timeZone, uiLocale, uuid } from './common.ts';
import { permissions, roles, staffRoles } from './permissions.ts';

export const email = z.email().max(254).transform((e) => e.trim().toLowerCase());
export const password = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256)
  .refine((v) => !v.includes('\u0000'), 'Must not contain NUL characters');
export const totpCode = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code');

export const unitKind = z.enum(['ministry', 'directorate', 'mission', 'office']);
export type UnitKind = z.infer<typeof unitKind>;

export const role = z.enum(roles);
/** A role a person may be given: every role but a partner organisation's (see `staffRoles`). */
export const staffRole = z.enum(staffRoles);
export const permission = z.enum(permissions);

// ---- auth ----
export const loginRequest = z.object({ email, password: z.string().min(1).max(256) });
export const loginResponse = z.object({
  status: z.enum(['signed-in', 'mfa-required']),
  /** With `mfa-required`: the second factors this account can use. */
  factors: z.array(z.enum(['totp', 'passkey'])).optional(),
});
export const mfaLoginRequest = z.object({ code: totpCode });

// ---- units ----
export const unitDto = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  kind: unitKind,
  name: z.string(),
  code: z.string(),
  timeZone: z.string(),
  countryCode: z.string().nullable(),
  city: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type UnitDto = z.infer<typeof unitDto>;

const unitName = plainText(2, 160);
const unitCode = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'Letters, digits and dashes only');
const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Two capital letters (ISO 3166-1)')
  .nullable();

export const createUnitRequest = z.object({
  parentId: uuid,
  kind: unitKind.exclude(['ministry']),
  name: unitName,
  code: unitCode,
  timeZone,
  countryCode: countryCode.optional().default(null),
  city: plainText(0, 120).nullable().optional().default(null),
});
export const updateUnitRequest = z
  .object({
    name: unitName,
    code: unitCode,
    timeZone,
    countryCode,
    city: plainText(0, 120).nullable(),
    parentId: uuid,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export const unitListResponse = z.object({ items: z.array(unitDto), policies });

// ---- users ----
export const membershipDto = z.object({
  id: uuid,
  userId: uuid,
  unitId: uuid,
  unitName: z.string(),
  role,
  createdAt: isoDateTime,
});
export type MembershipDto = z.infer<typeof membershipDto>;

export const userDto = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  locale: uiLocale,
  timeZone: z.string(),
  isActive: z.boolean(),
  mfaEnabled: z.boolean(),
  /** At least one passkey is registered (a second factor besides TOTP). */
  hasPasskey: z.boolean(),
  hasPassword: z.boolean(),
  /** A generated first password is still in use: the web app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  memberships: z.array(membershipDto),
  policies,
});
export type UserDto = z.infer<typeof userDto>;

export const createUserRequest = z.object({
  email,
  displayName: personName(1, 120),
  password: password.optional(),
  locale: uiLocale.default('en'),
  timeZone: timeZone.default('UTC'),
  memberships: z.array(z.object({ unitId: uuid, role: staffRole })).max(50).default([]),
});
export const updateUserRequest = z
  .object({
    displayName: personName(1, 120),
    isActive: z.boolean(),
    locale: uiLocale,
    timeZone,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export const setPasswordRequest = z.object({ password });
export const endUserSessionsRequest = z.object({
  /** Also revoke the user's API tokens (a stolen laptop may hold one). */
  revokeTokens: z.boolean().default(false),
});
export const endUserSessionsResponse = z.object({ sessionsEnded: z.number().int(), tokensRevoked: z.number().int() });
export const userListQuery = z.object({
  q: plainText(0, 120).optional(),
  unitId: uuid.optional(),
});
export const userListResponse = z.object({ items: z.array(userDto), policies });
export const grantMembershipRequest = z.object({ unitId: uuid, role: staffRole });

// ---- me ----
export const meResponse = z.object({
  user: userDto,
  /** Permissions the caller holds somewhere in the tree: drives the navigation. */
  permissions: z.array(permission),
  csrfToken: z.string(),
  /** A role of the caller requires a second factor and none is set up: only enrolment works until then. */
  mfaSetupRequired: z.boolean(),
  /** The account is linked to a single sign-on provider (its identity provider authenticates it). */
  ssoLinked: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponse>;
export const updateMeRequest = z
  .object({ displayName: personName(1, 120), locale: uiLocale, timeZone })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
  /** Also revoke every API token of the account (a leaked password may have made some). */
  revokeTokens: z.boolean().default(true),
});
export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const mfaEnableRequest = z.object({ code: totpCode });
export const mfaDisableRequest = z.object({ password: z.string().min(1).max(256) });

// ---- organisation security policy ----
export const securityPolicyDto = z.object({
  /** Holders of these roles (at any unit) must have a second factor: TOTP or a passkey. */
  mfaRequiredRoles: z.array(staffRole).max(staffRoles.length),
});
export type SecurityPolicyDto = z.infer<typeof securityPolicyDto>;
export const updateSecurityPolicyRequest = securityPolicyDto;

// ---- API tokens ----
export const apiTokenDto = z.object({
  id: uuid,
  name: z.string(),
  scopes: z.array(permission),
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
});
export const createApiTokenRequest = z.object({
  name: plainText(1, 80),
  scopes: z.array(permission).min(1).max(permissions.length),
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90),
});
export const createApiTokenResponse = z.object({
  token: apiTokenDto,
  /** Shown once; only its hash is stored. */
  secret: z.string(),
});
export const apiTokenListResponse = z.object({ items: z.array(apiTokenDto) });

// ---- own sessions ----
export const sessionDto = z.object({
  id: uuid,
  /** Browser and system, parsed from the user agent ("Firefox on Linux"). */
  device: z.string(),
  address: z.string().nullable(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  expiresAt: isoDateTime,
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionDto = z.infer<typeof sessionDto>;
export const sessionListResponse = z.object({ items: z.array(sessionDto) });

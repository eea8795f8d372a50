import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Permission, Role, UiLocale, UnitKind } from '@diplodesk/contracts';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';

/** Organisation tree: ministry → directorates / missions / offices. `path` is `/rootId/…/id/`. */
export const units = pgTable(
  'units',
  {
    id: idColumn(),
    parentId: uuid('parent_id'),
    kind: text('kind').$type<UnitKind>().notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    timeZone: text('time_zone').notNull(),
    countryCode: text('country_code'),
    city: text('city'),
    path: text('path').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('units_code_key').on(sql`lower(${t.code})`),
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
  ],
);

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').$type<UiLocale>().notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    isActive: boolean('is_active').notNull().default(true),
    totpSecretEnc: text('totp_secret_enc'),
    totpPendingEnc: text('totp_pending_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Set for a generated first password: every API refuses until the user picks their own. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_user_unit_role_key').on(t.userId, t.unitId, t.role), index('memberships_unit_idx').on(t.unitId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: idColumn(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    mfaAttempts: integer('mfa_attempts').notNull().default(0),
    /** When this session last proved a fresh factor (sign-in or step-up); sensitive actions need it recent. */
    stepUpAt: timestamp('step_up_at', { withTimezone: true }),
    /** Signed in through an identity provider that asserted (or is configured to enforce) a second factor. */
    mfaByIdp: boolean('mfa_by_idp').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: jsonb('scopes').notNull().$type<Permission[]>(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Failed-attempt counters for password and second-factor checks, shared by every instance. `key`
 * is a hash naming a tier — an account from one address, an account from anywhere, an address's
 * audit minute, an address the account signed in from before — never a plain e-mail address.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  nextAllowedAt: timestamp('next_allowed_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Passkeys (WebAuthn credentials). The counter and backup flags are kept to spot a cloned authenticator. */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').notNull().$type<string[]>().default([]),
    deviceType: text('device_type').$type<'singleDevice' | 'multiDevice'>().notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('webauthn_credentials_credential_key').on(t.credentialId), index('webauthn_credentials_user_idx').on(t.userId)],
);

/**
 * Outstanding WebAuthn challenges, single use and short-lived. Bound to the session that asked
 * (registration, second factor, step-up); a passwordless sign-in has no session yet (null).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: idColumn(),
    challenge: text('challenge').notNull(),
    purpose: text('purpose').$type<'register' | 'second-factor' | 'passwordless' | 'step-up'>().notNull(),
    sessionId: uuid('session_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('webauthn_challenges_challenge_key').on(t.challenge), index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

import type { SsoRule } from '@diplodesk/contracts';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../../platform/db/columns.ts';
import { memberships, users } from '../identity.tables.ts';

/** An OpenID Connect identity provider the admin configured. The client secret is sealed (secret box). */
export const ssoProviders = pgTable(
  'sso_providers',
  {
    id: idColumn(),
    key: text('key').notNull(),
    displayName: text('display_name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretEnc: text('client_secret_enc').notNull(),
    scopes: text('scopes').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    linkExistingByEmail: boolean('link_existing_by_email').notNull().default(false),
    noMatch: text('no_match').$type<'refuse' | 'viewer'>().notNull().default('refuse'),
    requireMfa: boolean('require_mfa').notNull().default(false),
    /** The provider enforces a second factor itself (even without `amr`): its users satisfy the MFA policy. */
    idpEnforcesMfa: boolean('idp_enforces_mfa').notNull().default(false),
    rules: jsonb('rules').notNull().$type<SsoRule[]>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sso_providers_key_key').on(t.key)],
);

/** Which provider account (issuer + `sub`) is which DiploDesk user. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => ssoProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sso_identities_provider_subject_key').on(t.providerId, t.subject), index('sso_identities_user_idx').on(t.userId)],
);

/**
 * Roles granted by a provider's rules (not by an admin): only these are removed when the rules
 * stop matching at a later sign-in; roles an admin granted by hand are never touched.
 */
export const ssoMemberships = pgTable(
  'sso_memberships',
  {
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => ssoProviders.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.membershipId] }), index('sso_memberships_provider_idx').on(t.providerId)],
);

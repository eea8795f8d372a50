import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns.ts';
import type { PublicSigningJwk } from './signing-keys.ts';

export type SigningKeyStatus = 'active' | 'retired';

/**
 * Statement signing keys, one active per organisation (the root unit). Retired keys stay: their
 * public halves remain in the JWKS so statements signed before a rotation still verify.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: idColumn(),
    organisationId: uuid('organisation_id').notNull(),
    kid: text('kid').notNull(),
    publicJwk: jsonb('public_jwk').notNull().$type<PublicSigningJwk>(),
    /** PKCS#8 PEM sealed by the secret box, bound to the organisation and kid. */
    privateKeySealed: text('private_key_sealed').notNull(),
    status: text('status').$type<SigningKeyStatus>().notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('signing_keys_kid_key').on(t.kid),
    // At most one active key per organisation, whatever the number of instances racing to create it.
    uniqueIndex('signing_keys_active_org_key').on(t.organisationId).where(sql`${t.status} = 'active'`),
    index('signing_keys_org_idx').on(t.organisationId, t.createdAt),
  ],
);

export type SigningKeyRow = typeof signingKeys.$inferSelect;

import type { SealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { sealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { users } from './identity.tables.ts';
import { secretContext } from './sso/commands/manage-sso-providers.ts';
import { ssoProviders } from './sso/sso.tables.ts';

// A seed is bound to its user: copied into another user's row it does not open.
export const totpContext = (userId: string) => `totp:${userId}`;
export const pendingTotpContext = (userId: string) => `totp-pending:${userId}`;

/** Identity's sealed values, for `diplodesk keys reseal` (the SSO flow cookie lives ten minutes in the browser, not here). */
export const identitySealedColumns: SealedColumn[] = [
  sealedColumn({ name: 'users.totp_secret_enc', purpose: 'totp', table: users, key: users.id, sealed: users.totpSecretEnc, columns: { id: users.id }, context: (r) => totpContext(r.id) }),
  sealedColumn({ name: 'users.totp_pending_enc', purpose: 'totp', table: users, key: users.id, sealed: users.totpPendingEnc, columns: { id: users.id }, context: (r) => pendingTotpContext(r.id) }),
  sealedColumn({ name: 'sso_providers.client_secret_enc', purpose: 'sso', table: ssoProviders, key: ssoProviders.id, sealed: ssoProviders.clientSecretEnc, columns: { id: ssoProviders.id }, context: (r) => secretContext(r.id) }),
];

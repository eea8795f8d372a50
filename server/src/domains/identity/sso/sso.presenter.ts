import type { PublicSsoProvider, SsoProviderDto } from '@diplodesk/contracts';
import type { SsoProviderRow } from './sso.repo.ts';

export const callbackPath = (key: string) => `/api/v1/auth/sso/${key}/callback`;

// The sealed client secret never leaves through here: the admin sees only that one is set.
export function presentProvider(row: SsoProviderRow, publicUrl: string): SsoProviderDto {
  return {
    id: row.id,
    key: row.key,
    displayName: row.displayName,
    issuer: row.issuer,
    clientId: row.clientId,
    scopes: row.scopes,
    enabled: row.enabled,
    linkExistingByEmail: row.linkExistingByEmail,
    noMatch: row.noMatch,
    requireMfa: row.requireMfa,
    idpEnforcesMfa: row.idpEnforcesMfa,
    rules: row.rules,
    hasClientSecret: row.clientSecretEnc.length > 0,
    redirectUri: `${publicUrl}${callbackPath(row.key)}`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentPublicProvider(row: SsoProviderRow): PublicSsoProvider {
  return { key: row.key, displayName: row.displayName, loginUrl: `/api/v1/auth/sso/${row.key}/login` };
}

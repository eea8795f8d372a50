import type { CreateSsoProviderRequest, SsoRule, UpdateSsoProviderRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../../platform/authz/principal.ts';
import { type PlatformContext, inTransaction } from '../../../../platform/context.ts';
import { newId } from '../../../../platform/db/columns.ts';
import type { Executor } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findRootUnit, findUnit } from '../../identity.repo.ts';
import { discoverProvider } from '../oidc-client.ts';
import { auditSso } from '../sso.audit.ts';
import { deleteProviderRow, findProvider, findProviderByKey, insertProvider, listProviders, type SsoProviderRow, updateProviderRow } from '../sso.repo.ts';

export const secretContext = (providerId: string) => `sso-client-secret:${providerId}`;

/** Identity providers decide who becomes whom: only the root unit's administrators configure them. */
async function authorize(x: Executor, p: Principal): Promise<void> {
  const root = await findRootUnit(x);
  if (!root || !can(p, 'system.manage', root.path)) throw new AppError('authz.forbidden');
}

async function checkRuleUnits(x: Executor, rules: readonly SsoRule[]): Promise<void> {
  for (const rule of rules) {
    if (!(await findUnit(x, rule.unitId))) throw new AppError('unit.not-found', 'A rule names a unit that does not exist.', { unitId: rule.unitId });
  }
}

const auditFields = (r: Partial<SsoProviderRow>) => ({
  key: r.key,
  displayName: r.displayName,
  issuer: r.issuer,
  clientId: r.clientId,
  scopes: r.scopes,
  enabled: r.enabled,
  linkExistingByEmail: r.linkExistingByEmail,
  noMatch: r.noMatch,
  requireMfa: r.requireMfa,
  idpEnforcesMfa: r.idpEnforcesMfa,
  rules: r.rules?.length,
});

export async function listSsoProviders(ctx: PlatformContext, p: Principal): Promise<SsoProviderRow[]> {
  await authorize(ctx.db, p);
  return listProviders(ctx.db);
}

/** Adds a provider after its discovery document was read, so a typo in the issuer is caught now, not at a user's sign-in. */
export async function createSsoProvider(ctx: PlatformContext, p: Principal, input: CreateSsoProviderRequest, actor: Actor): Promise<SsoProviderRow> {
  await authorize(ctx.db, p);
  await discoverProvider(ctx.config, ctx.outbound, { issuer: input.issuer, clientId: input.clientId, clientSecret: input.clientSecret });
  return inTransaction(ctx, async (tx) => {
    if (await findProviderByKey(tx, input.key)) throw new AppError('sso.provider-key-taken');
    await checkRuleUnits(tx, input.rules);
    const id = newId();
    const { clientSecret, ...fields } = input;
    const row = await insertProvider(tx, { id, ...fields, clientSecretEnc: ctx.secretBox.for('sso').seal(clientSecret, secretContext(id)) });
    await auditSso(tx, actor, { action: 'sso-provider.created', targetType: 'sso-provider', targetId: row.id, unitId: null, summary: { after: auditFields(row) } });
    return row;
  });
}

export async function updateSsoProvider(ctx: PlatformContext, p: Principal, id: string, input: UpdateSsoProviderRequest, actor: Actor): Promise<SsoProviderRow> {
  await authorize(ctx.db, p);
  const before = await findProvider(ctx.db, id);
  if (!before) throw new AppError('sso.provider-not-found');
  const { clientSecret, ...fields } = input;
  const connection = { issuer: fields.issuer ?? before.issuer, clientId: fields.clientId ?? before.clientId, clientSecret: clientSecret ?? ctx.secretBox.for('sso').open(before.clientSecretEnc, secretContext(id)) };
  if (connection.issuer !== before.issuer || connection.clientId !== before.clientId || clientSecret !== undefined) await discoverProvider(ctx.config, ctx.outbound, connection);
  return inTransaction(ctx, async (tx) => {
    if (fields.rules) await checkRuleUnits(tx, fields.rules);
    const row = await updateProviderRow(tx, id, { ...fields, ...(clientSecret !== undefined ? { clientSecretEnc: ctx.secretBox.for('sso').seal(clientSecret, secretContext(id)) } : {}) });
    const changed = Object.keys(fields) as (keyof typeof fields)[];
    const pick = (r: SsoProviderRow) => Object.fromEntries(Object.entries(auditFields(r)).filter(([k]) => (changed as string[]).includes(k)));
    await auditSso(tx, actor, {
      action: 'sso-provider.updated',
      targetType: 'sso-provider',
      targetId: id,
      unitId: null,
      summary: { before: pick(before), after: pick(row), clientSecretChanged: clientSecret !== undefined },
    });
    return row;
  });
}

/** Removes a provider; its users stay (with their roles), they sign in another way or not at all. */
export async function deleteSsoProvider(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  await authorize(ctx.db, p);
  await inTransaction(ctx, async (tx) => {
    const row = await findProvider(tx, id);
    if (!row) throw new AppError('sso.provider-not-found');
    await deleteProviderRow(tx, id);
    await auditSso(tx, actor, { action: 'sso-provider.deleted', targetType: 'sso-provider', targetId: id, unitId: null, summary: { key: row.key, displayName: row.displayName } });
  });
}

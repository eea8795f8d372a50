// The SMTP relay, set by a root administrator. The password is sealed and never answered back;
// a test e-mail proves the settings before an alert depends on them.
import type { SmtpSettingsDto, SmtpSettingsRequest } from '@diplodesk/contracts';
import { smtpSettingsRequest } from '@diplodesk/contracts';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { MailError, readSmtpSettings, type SmtpSettingsRow, saveSmtpSettings, sendMail, smtpConnectionOf } from '../../../platform/mail/index.ts';
import { findRootUnit } from '../../identity/index.ts';

/** The relay is the installation's: only the root unit's administrators configure it. */
export async function authorizeRootAdmin(x: Executor, p: Principal): Promise<void> {
  const root = await findRootUnit(x);
  if (!root || !can(p, 'system.manage', root.path)) throw new AppError('authz.forbidden');
}

export function presentSmtp(row: SmtpSettingsRow | null): SmtpSettingsDto {
  return {
    configured: row !== null,
    host: row?.host ?? null,
    port: row?.port ?? null,
    security: row?.security ?? null,
    username: row?.username ?? null,
    hasPassword: Boolean(row?.passwordSealed),
    fromAddress: row?.fromAddress ?? null,
    fromName: row?.fromName ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function readSmtp(ctx: PlatformContext, p: Principal): Promise<SmtpSettingsDto> {
  await authorizeRootAdmin(ctx.db, p);
  return presentSmtp(await readSmtpSettings(ctx.db));
}

/** Plain SMTP would carry the password and the alerts readable: only to an address the operator allow-listed. */
async function checkPlain(ctx: PlatformContext, host: string): Promise<void> {
  try {
    await ctx.outbound.pinHost(host, { plain: true });
  } catch {
    throw new AppError('smtp.plain-not-allowed', undefined, { field: 'security' });
  }
}

export async function saveSmtp(ctx: PlatformContext, p: Principal, body: SmtpSettingsRequest, actor: Actor): Promise<SmtpSettingsDto> {
  await authorizeRootAdmin(ctx.db, p);
  const input = smtpSettingsRequest.parse(body);
  if (input.security === 'none') await checkPlain(ctx, input.host);
  const row = await inTransaction(ctx, async (tx) => {
    const saved = await saveSmtpSettings(tx, ctx.secretBox.for('notification-secrets'), { ...input, updatedBy: p.userId });
    const { password, ...shown } = input;
    await appendAudit(tx, actor, { action: 'smtp-settings.updated', targetType: 'smtp-settings', targetId: 'smtp', unitId: null, summary: { ...shown, passwordChanged: password !== undefined } });
    return saved;
  });
  return presentSmtp(row);
}

/** Sends a test message now (not through a job: the administrator waits for the answer). */
export async function sendTestMail(ctx: PlatformContext, p: Principal, to: string, actor: Actor): Promise<{ ok: true; messageId: string }> {
  await authorizeRootAdmin(ctx.db, p);
  const row = await readSmtpSettings(ctx.db);
  if (!row) throw new AppError('smtp.not-configured');
  const smtp = smtpConnectionOf(row, ctx.secretBox.for('notification-secrets'));
  const domain = row.fromAddress.split('@')[1] ?? 'diplodesk.invalid';
  const text = 'This is a test message from DiploDesk. Alert e-mails will be sent through this mail server.\n\nIni adalah pesan uji dari DiploDesk. Surel peringatan akan dikirim melalui server surel ini.\n';
  let messageId: string;
  try {
    ({ messageId } = await sendMail(ctx.outbound, smtp, { to, subject: '[DiploDesk] Test e-mail', text, html: `<p>${text.replace(/\n/g, '<br>')}</p>`, messageId: `<test-${crypto.randomUUID()}@${domain}>` }));
  } catch (error) {
    const reason = error instanceof MailError ? error.message : 'The mail server could not be reached.';
    // A refused request changes nothing stored: the failure goes to the log, the answer says why.
    ctx.logger.warn({ event: 'smtp.test-failed', reason }, 'test e-mail not sent');
    throw new AppError('smtp.send-failed', undefined, { reason });
  }
  await inTransaction(ctx, (tx) => appendAudit(tx, actor, { action: 'smtp-settings.tested', targetType: 'smtp-settings', targetId: 'smtp', unitId: null, summary: { to } }));
  return { ok: true, messageId };
}

import { eq } from 'drizzle-orm';
import { type SealedColumn, sealedColumn } from '../crypto/sealed-columns.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Executor } from '../db/index.ts';
import { type SmtpSettingsRow, smtpSettings } from './mail.tables.ts';
import type { SmtpConnection } from './smtp.ts';

const ROW = 'smtp';
// The password is bound to the settings row: a sealed value copied elsewhere does not open.
export const smtpPasswordContext = () => 'smtp-password:smtp';

export async function readSmtpSettings(x: Executor): Promise<SmtpSettingsRow | null> {
  const [row] = await x.select().from(smtpSettings).where(eq(smtpSettings.id, ROW));
  return row ?? null;
}

export type SmtpSettingsInput = Omit<SmtpSettingsRow, 'id' | 'passwordSealed' | 'updatedAt'> & {
  /** A new password; undefined keeps the stored one, null removes it. */
  password?: string | null;
};

/** Stores the relay settings in the caller's transaction, sealing a new password. */
export async function saveSmtpSettings(x: Executor, box: SecretBox, input: SmtpSettingsInput): Promise<SmtpSettingsRow> {
  const { password, ...fields } = input;
  const sealed = password === undefined ? {} : { passwordSealed: password === null ? null : box.seal(password, smtpPasswordContext()) };
  const [row] = await x
    .insert(smtpSettings)
    .values({ id: ROW, ...fields, ...sealed, updatedAt: new Date() })
    .onConflictDoUpdate({ target: smtpSettings.id, set: { ...fields, ...sealed, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error('smtp settings not stored');
  return row;
}

/** The stored settings as the mail client needs them, the password opened. */
export function smtpConnectionOf(row: SmtpSettingsRow, box: SecretBox): SmtpConnection {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    password: row.passwordSealed ? box.open(row.passwordSealed, smtpPasswordContext()) : null,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
  };
}

/** The relay password, for `diplodesk keys reseal`. */
export const smtpSealedColumn: SealedColumn = sealedColumn({
  name: 'smtp_settings.password_sealed',
  purpose: 'notification-secrets',
  table: smtpSettings,
  key: smtpSettings.id,
  sealed: smtpSettings.passwordSealed,
  columns: { id: smtpSettings.id },
  context: () => smtpPasswordContext(),
});

export { type SmtpSecurity, type SmtpSettingsRow, smtpSecurities, smtpSettings } from './mail.tables.ts';
export { classifyMailError, MailError, type MailFailureKind, type MailMessage, type SmtpConnection, sendMail } from './smtp.ts';
export { readSmtpSettings, saveSmtpSettings, type SmtpSettingsInput, smtpConnectionOf, smtpSealedColumn } from './smtp-settings.ts';

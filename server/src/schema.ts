// Every table of the platform and the domains, gathered for drizzle-kit (migrations and the drift check).
export * from './platform/db/platform.tables.ts';
export * from './platform/audit/audit.tables.ts';
export * from './platform/mail/mail.tables.ts';
export * from './domains/identity/identity.tables.ts';
export * from './platform/crypto/signing/signing.tables.ts';
export * from './domains/statements/newsroom/newsroom.tables.ts';
export * from './domains/statements/statements.tables.ts';
export * from './domains/statements/federation/federation.tables.ts';
export * from './domains/statements/publishing/publishing.tables.ts';
export * from './domains/listening/listening.tables.ts';
export * from './domains/identity/sso/sso.tables.ts';
export * from './domains/insights/insights.tables.ts';
export * from './domains/insights/delivery/delivery.tables.ts';
export * from './domains/insights/brief/brief.tables.ts';
export * from './domains/insights/cooperation/unvotes.tables.ts';
export * from './domains/integrity/integrity.tables.ts';
export * from './domains/integrity/sharing/sharing.tables.ts';

// Every table of the platform and the domains, gathered for drizzle-kit (migrations and the drift check).
export * from './platform/db/platform.tables.ts';
export * from './domains/identity/identity.tables.ts';

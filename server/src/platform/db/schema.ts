// The one Drizzle schema: every table of the platform and the domains, for queries and drizzle-kit.
export * from './platform.tables.ts';
export * from '../../domains/identity/identity.tables.ts';

export * from './audit.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './identity.ts';
export * from './permissions.ts';
export * from './realtime.ts';
export * from './system.ts';
export * from './statements.ts';

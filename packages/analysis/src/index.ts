// Text and series analysis for the listening and insights desks: pure functions, no I/O of ours (the
// language model and lexicons ship inside the package's dependencies). Used by the worker and the browser.
export * from './claims/index.ts';
export * from './coordination/index.ts';
export * from './countries/index.ts';
export * from './language/index.ts';
export * from './impersonation/index.ts';
export * from './neardup/index.ts';
export * from './sentiment/index.ts';
export * from './text/index.ts';
export * from './topics/index.ts';
export * from './series/index.ts';
export * from './stats/index.ts';
export * from './unvotes/index.ts';

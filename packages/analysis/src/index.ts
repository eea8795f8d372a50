// Text analysis for the listening desk: pure functions over text, no I/O of ours (the language
// model and lexicons ship inside the package's dependencies). Used by the worker and the browser.
export * from './countries/index.ts';
export * from './language/index.ts';
export * from './neardup/index.ts';
export * from './sentiment/index.ts';
export * from './text/index.ts';
export * from './topics/index.ts';

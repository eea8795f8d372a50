// Entry of an analysis worker thread. The sources are TypeScript with erasable syntax only (ADR
// 0001): a Node that strips types loads the thread's module as it is; on an older one the server
// runs through tsx, whose loader a new thread does not inherit, so it is registered here.
if (!process.features.typescript) (await import('tsx/esm/api')).register();
await import('./analysis-thread.ts');

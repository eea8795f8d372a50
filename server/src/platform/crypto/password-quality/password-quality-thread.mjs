// Entry of the password-quality thread (see analysis-thread.mjs for why tsx is registered here).
if (!process.features.typescript) (await import('tsx/esm/api')).register();
await import('./password-quality-thread.ts');

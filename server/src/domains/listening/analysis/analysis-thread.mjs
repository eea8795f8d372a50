// Entry of an analysis worker thread. The server runs its TypeScript through tsx (ADR 0001), whose
// loader a new thread does not inherit: register it here, then load the thread's module.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-thread.ts');

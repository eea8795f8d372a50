// Test support for connectors: the shared fake-platform shape and the contract suite.
export type { FakeFault, FakeLedgerEntry, FakePlatform, FakePlatformOptions, StartFake } from './fake-platform.ts';

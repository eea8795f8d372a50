// Test support for connectors: the shared fake-platform shape, building blocks for fakes, and the contract suite.
export type { FakeFault, FakeLedgerEntry, FakePlatform, FakePlatformOptions, StartFake } from './fake-platform.ts';
export { FakeAuthCodes, FakeLedger, FakeTokens, FaultQueue, fakeId, pkceChallenge, RateWindow, startFakeHttpServer } from './fake-http.ts';
export type { AuthCodeGrant, FakeHttpReply, FakeHttpRequest, FakeHttpServer, IssuedTokens, RateWindowHit, TokenCheck } from './fake-http.ts';
export { describePublishChannelContract } from './publish-channel-contract.ts';
export type { PublishChannelContractSubject } from './publish-channel-contract.ts';

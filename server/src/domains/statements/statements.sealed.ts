import { sql } from 'drizzle-orm';
import { type SealedColumn, sealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { actorKeyContext } from './federation/actor-keys.ts';
import { federationActorKeys, federationQueue } from './federation/federation.tables.ts';
import { federationQueueContext } from './federation/message-queue.ts';
import { connectStateContext, credentialsContext } from './publishing/publishing.repo.ts';
import { channelAccounts, channelConnectStates } from './publishing/publishing.tables.ts';

/** The statements desk's sealed values, for `diplodesk keys reseal`. */
export const statementsSealedColumns: SealedColumn[] = [
  sealedColumn({
    name: 'channel_accounts.credentials_sealed',
    purpose: 'channel-tokens',
    table: channelAccounts,
    key: channelAccounts.id,
    sealed: channelAccounts.credentialsSealed,
    columns: { id: channelAccounts.id },
    context: (r) => credentialsContext(r.id),
  }),
  sealedColumn({
    name: 'channel_connect_states.code_verifier_sealed',
    purpose: 'channel-tokens',
    table: channelConnectStates,
    key: channelConnectStates.state,
    sealed: channelConnectStates.codeVerifierSealed,
    columns: { state: channelConnectStates.state },
    context: (r) => connectStateContext(r.state),
  }),
  sealedColumn({
    name: 'federation_actor_keys.private_sealed',
    purpose: 'actor-keys',
    table: federationActorKeys,
    key: sql<string>`${federationActorKeys.unitId}::text || ' ' || ${federationActorKeys.algorithm}`,
    sealed: federationActorKeys.privateSealed,
    columns: { unitId: federationActorKeys.unitId, algorithm: federationActorKeys.algorithm },
    context: (r) => actorKeyContext(r.unitId, r.algorithm),
  }),
  // Messages sealed by the queue are `{"sealed": "v2…"}`; those kept plain (no box) have no `sealed`.
  sealedColumn({
    name: 'federation_queue.message',
    purpose: 'federation-queue',
    table: federationQueue,
    key: federationQueue.id,
    sealed: sql<string | null>`${federationQueue.message}->>'sealed'`,
    columns: {},
    context: () => federationQueueContext,
    write: (sealed) => ({ message: { sealed } }),
  }),
];

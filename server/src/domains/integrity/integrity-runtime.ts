import type { StoredItemsHook } from '../listening/index.ts';
import { type ClaimIndex, createClaimIndex } from './claims/claim-index.ts';
import { matchItems } from './claims/match-items.ts';

/** Integrity's per-app state: the claim matcher (built from the registry, rebuilt when it changes) and listening's store hook. */
export type IntegrityRuntime = {
  claims: ClaimIndex;
  /** Listening's `StoredItemsHook`: matches new items against the registry in their store transaction. */
  storedItems: StoredItemsHook;
};

/** One per app (tests build several apps in one process: no module-level state). */
export function createIntegrityRuntime(): IntegrityRuntime {
  const claims = createClaimIndex();
  return {
    claims,
    storedItems: async (tx, items) => {
      await matchItems(tx, claims, items);
    },
  };
}

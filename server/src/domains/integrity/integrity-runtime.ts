import { inTransaction, type PlatformContext } from '../../platform/context.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { itemsCollected, itemsReanalysed, type StoredItemsHook, storedItems } from '../listening/index.ts';
import { statementChanged } from '../statements/index.ts';
import { type ClaimIndex, createClaimIndex } from './claims/claim-index.ts';
import { matchItems } from './claims/match-items.ts';
import { type CoordinationWatch, createCoordinationWatch } from './coordination/coordination-watch.ts';
import { detectFakeStatements } from './fake-statements/detect-fake-statements.ts';
import { detectImpersonation } from './impersonation/detect-impersonation.ts';
import { recordRebuttal } from './rebuttals/record-rebuttal.ts';

/** Integrity's per-app state: the claim matcher (built from the registry, rebuilt when it changes), listening's store hook, and the coordination tracker. */
export type IntegrityRuntime = {
  claims: ClaimIndex;
  /** Listening's `StoredItemsHook`: matches new items against the registry in their store transaction. */
  storedItems: StoredItemsHook;
  /** This process's coordinated-sharing tracker (fed by the detectors' subscription). */
  coordination: CoordinationWatch;
  /** Subscribes the impersonation, fake-statement and coordination detectors to listening's item events (group `integrity-detectors`), and the rebuttal clock to statements' changes (group `integrity-rebuttals`). */
  startDetectors(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox' | 'config'>, bus: EventBus): Promise<void>;
};

const itemEvents = new Set([itemsCollected, itemsReanalysed]);
/** A statement drafted or published: it may rebut a finding. */
const rebuttalChanges = new Set(['created', 'published']);

function idsOf(event: DomainEvent): string[] {
  const ids = (event.data as { ids?: unknown }).ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** One per app (tests build several apps in one process: no module-level state). */
export function createIntegrityRuntime(): IntegrityRuntime {
  const claims = createClaimIndex();
  const coordination = createCoordinationWatch();
  return {
    claims,
    coordination,
    storedItems: async (tx, items) => {
      await matchItems(tx, claims, items);
    },
    async startDetectors(ctx, bus) {
      // A group subscription (ADR 0015): each event once across instances, at least once. Both
      // detectors are idempotent per item: a redelivered event raises nothing twice.
      await bus.subscribeGroup('integrity-detectors', async (event) => {
        if (!itemEvents.has(event.type)) return;
        const ids = idsOf(event);
        if (ids.length === 0) return;
        await inTransaction(ctx, async (tx) => {
          const items = await storedItems(tx, ids);
          await detectImpersonation(tx, items);
          await detectFakeStatements(tx, ctx.config, items);
        });
        await coordination.onItems(ctx, ids);
      });
      await bus.subscribeGroup('integrity-rebuttals', async (event) => {
        if (event.type !== statementChanged) return;
        const data = event.data as { statementId?: unknown; change?: unknown };
        if (typeof data.statementId === 'string' && typeof data.change === 'string' && rebuttalChanges.has(data.change)) await inTransaction(ctx, (tx) => recordRebuttal(tx, data.statementId as string));
      });
    },
  };
}

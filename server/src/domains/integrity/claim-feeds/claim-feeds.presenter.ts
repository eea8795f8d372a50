// A claim feed row as answered: its health in one word, the last error as a code and detail, the
// validators (ETag, Last-Modified) kept back — they are the server's business, not the reader's.
import type { ClaimFeedDto, ClaimFeedStatus } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { claimFeedPolicies } from '../integrity.policy.ts';
import type { ClaimFeedRow } from './manage-claim-feeds.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function claimFeedStatusOf(row: Pick<ClaimFeedRow, 'enabled' | 'consecutiveFailures' | 'lastPolledAt'>): ClaimFeedStatus {
  if (!row.enabled) return 'paused';
  if (row.consecutiveFailures > 0) return 'failing';
  return row.lastPolledAt === null ? 'new' : 'ok';
}

export function presentClaimFeed(row: ClaimFeedRow, p: Principal, unitPath: string | undefined): ClaimFeedDto {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    url: row.url,
    intervalSeconds: row.intervalSeconds,
    enabled: row.enabled,
    status: claimFeedStatusOf(row),
    lastPolledAt: iso(row.lastPolledAt),
    lastOkAt: iso(row.lastOkAt),
    lastErrorAt: iso(row.lastErrorAt),
    lastError: row.lastError ? { code: row.lastError, detail: row.lastErrorDetail } : null,
    consecutiveFailures: row.consecutiveFailures,
    nextPollAt: iso(row.nextPollAt),
    claimsCreated: row.claimsCreated,
    claimsUpdated: row.claimsUpdated,
    lastResult: row.lastResult ?? null,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    policies: claimFeedPolicies(p, unitPath),
  };
}

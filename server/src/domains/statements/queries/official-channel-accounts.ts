// The accounts the ministry publishes to, as integrity's registry of official accounts is pre-filled
// from them: name fields only, never credentials or limits.
import { ne } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { channelAccounts } from '../publishing/publishing.tables.ts';

export type OfficialChannelAccount = { id: string; unitId: string; platform: string; handle: string; displayName: string | null; remoteAccountId: string; createdAt: Date };

/** Every connected (not disconnected) channel account, of every unit. */
export async function officialChannelAccounts(x: Executor): Promise<OfficialChannelAccount[]> {
  return x
    .select({
      id: channelAccounts.id,
      unitId: channelAccounts.unitId,
      platform: channelAccounts.platform,
      handle: channelAccounts.handle,
      displayName: channelAccounts.displayName,
      remoteAccountId: channelAccounts.remoteAccountId,
      createdAt: channelAccounts.createdAt,
    })
    .from(channelAccounts)
    .where(ne(channelAccounts.status, 'disconnected'))
    .orderBy(channelAccounts.platform, channelAccounts.handle);
}

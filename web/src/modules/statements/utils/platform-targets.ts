import { type ChannelAccountDto, type PlatformText, type PostPlatform, postPlatforms } from '@diplodesk/contracts';

// A platform with no connected account is edited like an account (same counters, derive, preview)
// under a stand-in id; saving turns those drafts back into the statement's `platformTexts`.

const prefix = 'platform:';

export const isPlatformTarget = (id: string) => id.startsWith(prefix);
export const platformTargetId = (platform: string) => `${prefix}${platform}`;
export const platformOfTarget = (id: string) => id.slice(prefix.length);

/** Stand-in accounts for the platforms none of `accounts` is an active account on. */
export function unconnectedPlatforms(accounts: readonly ChannelAccountDto[], now: string): ChannelAccountDto[] {
  const connected = new Set(accounts.filter((a) => a.status === 'active').map((a) => a.platform));
  return postPlatforms
    .filter((platform) => !connected.has(platform))
    .map((platform: PostPlatform) => ({
      id: platformTargetId(platform),
      unitId: '00000000-0000-0000-0000-000000000000',
      platform,
      handle: '',
      displayName: null,
      url: null,
      status: 'active' as const,
      statusReason: null,
      // The platform's default counting rules (a Mastodon instance may allow more once connected).
      textChannels: platform === 'youtube' ? ['youtube-title', 'youtube-description'] : [platform],
      limits: {},
      connectedAt: now,
    }));
}

type Draft = { channelAccountId: string; language: string; text: string; title: string | null };

export function draftsOfPlatformTexts(texts: readonly PlatformText[]): Draft[] {
  return texts.map((p) => ({ channelAccountId: platformTargetId(p.platform), language: p.language, text: p.text, title: p.title }));
}

/** Splits the editor's drafts into real variants and platform texts. */
export function splitDrafts(drafts: readonly Draft[]): { variants: Draft[]; platformTexts: { platform: PostPlatform; language: string; text: string; title: string | null }[] } {
  const variants = drafts.filter((d) => !isPlatformTarget(d.channelAccountId));
  const platformTexts = drafts
    .filter((d) => isPlatformTarget(d.channelAccountId))
    .flatMap((d) => {
      const platform = postPlatforms.find((p) => p === platformOfTarget(d.channelAccountId));
      return platform ? [{ platform, language: d.language, text: d.text, title: d.title }] : [];
    });
  return { variants, platformTexts };
}

/** Platforms a text was prepared for that no posted variant covers: they will not go out. */
export function platformsNotPosted(platformTexts: readonly PlatformText[], variantPlatforms: readonly string[]): string[] {
  return platformTexts.map((p) => p.platform).filter((p) => !variantPlatforms.includes(p));
}

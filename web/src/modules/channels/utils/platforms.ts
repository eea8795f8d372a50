/** The platforms DiploDesk ships connectors for, in the server's order (`BUILT_IN_CONNECTORS`). */
export const builtInPlatforms = [
  { id: 'x', name: 'X' },
  { id: 'facebook', name: 'Facebook' },
  { id: 'youtube', name: 'YouTube' },
  { id: 'mastodon', name: 'Mastodon' },
  { id: 'bluesky', name: 'Bluesky' },
  { id: 'telegram', name: 'Telegram' },
] as const;

/**
 * Required server settings of each platform, from the connectors' manifests. The API lists only
 * configured platforms, so the page names these itself for the ones it cannot offer.
 */
export const platformEnvKeys: Record<string, readonly string[]> = {
  x: ['X_CLIENT_ID'],
  facebook: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
  youtube: ['YOUTUBE_CLIENT_ID', 'YOUTUBE_CLIENT_SECRET'],
};

export function platformName(id: string): string {
  return builtInPlatforms.find((p) => p.id === id)?.name ?? id;
}

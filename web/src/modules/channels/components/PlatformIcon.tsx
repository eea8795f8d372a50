import { IconBrandBluesky, IconBrandFacebook, IconBrandMastodon, IconBrandTelegram, IconBrandX, IconBrandYoutube, IconWorld } from '@tabler/icons-react';

const icons = {
  x: IconBrandX,
  facebook: IconBrandFacebook,
  youtube: IconBrandYoutube,
  mastodon: IconBrandMastodon,
  bluesky: IconBrandBluesky,
  telegram: IconBrandTelegram,
} as const;

/** Decorative: the platform's name is always written next to it. */
export function PlatformIcon({ platform, size = 18 }: { platform: string; size?: number }) {
  const Icon = icons[platform as keyof typeof icons] ?? IconWorld;
  return <Icon size={size} stroke={1.7} aria-hidden />;
}

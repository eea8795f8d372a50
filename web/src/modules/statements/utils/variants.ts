import type { ChannelAccountDto } from '@diplodesk/contracts';
import { type MeasureOptions, TEXT_CHANNELS, type TextChannel, type TextMeasure, measureText } from '@diplodesk/connector-sdk';

function isTextChannel(value: string): value is TextChannel {
  return (TEXT_CHANNELS as readonly string[]).includes(value);
}

/** The counted fields of an account: YouTube has a title and a description, others one text. */
export function accountChannels(account: ChannelAccountDto): TextChannel[] {
  const listed = account.textChannels.filter(isTextChannel);
  if (listed.length > 0) return listed;
  return isTextChannel(account.platform) ? [account.platform] : [];
}

export function bodyChannel(account: ChannelAccountDto): TextChannel | null {
  return accountChannels(account).find((c) => c !== 'youtube-title') ?? null;
}

export function hasTitle(account: ChannelAccountDto): boolean {
  return accountChannels(account).includes('youtube-title');
}

/** Counts a variant the platform's way; Telegram becomes a caption when an image goes with it. */
export function measureVariant(channel: TextChannel, account: ChannelAccountDto, text: string, withImage: boolean): TextMeasure {
  const opts: MeasureOptions = {};
  if (account.limits.instanceLimit !== undefined) opts.instanceLimit = account.limits.instanceLimit;
  if (account.limits.charactersReservedPerUrl !== undefined) opts.charactersReservedPerUrl = account.limits.charactersReservedPerUrl;
  if (account.limits.spoilerText !== undefined) opts.spoilerText = account.limits.spoilerText;
  if (channel === 'telegram' && (withImage || account.limits.caption)) opts.caption = true;
  return measureText(channel, text, opts);
}

/**
 * A starting text for a channel from the statement: title and body as plain paragraphs, the body
 * trimmed at a word boundary when the platform would refuse the whole, with an ellipsis.
 */
export function deriveVariant(channel: TextChannel, account: ChannelAccountDto, title: string, body: string, withImage: boolean): string {
  const full = [title.trim(), body.trim()].filter(Boolean).join('\n\n');
  const first = measureVariant(channel, account, full, withImage);
  if (!first.over) return full;
  const words = full.split(/(\s+)/);
  let low = 0;
  let high = words.length;
  // Binary search on the number of word pieces that fit with the ellipsis.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = `${words.slice(0, mid).join('').trimEnd()}…`;
    if (measureVariant(channel, account, candidate, withImage).over) high = mid - 1;
    else low = mid;
  }
  return `${words.slice(0, low).join('').trimEnd()}…`;
}

export const unitKeys = {
  'weighted-chars': 'statements.variants.units.weighted-chars',
  graphemes: 'statements.variants.units.graphemes',
  chars: 'statements.variants.units.chars',
  utf16: 'statements.variants.units.utf16',
  'utf8-bytes': 'statements.variants.units.utf8-bytes',
} as const;

// Per-channel variant checks: counted the way each platform counts (connector-sdk's measureText).
import { type MeasureOptions, measureText, type TextChannel } from '@diplodesk/connector-sdk';
import type { StatementVariant } from '@diplodesk/contracts';

/** What the checks need to know of a connected account. */
export type VariantAccount = { id: string; platform: string; handle: string; textChannels: TextChannel[]; limits: MeasureOptions };

export type VariantProblem = { channelAccountId: string; handle: string; field: 'text' | 'title'; used: number; limit: number; reason: 'too-long' | 'missing-media' | 'empty' | 'unknown-account' };

/** Which field of a variant each counting rule applies to. */
function fieldFor(channel: TextChannel): 'text' | 'title' {
  return channel === 'youtube-title' ? 'title' : 'text';
}

/**
 * Problems that block submitting or publishing: over-limit text, an empty post, a video platform
 * without a video, an account that is not the unit's. Drafts may be saved with problems.
 */
export function checkVariants(variants: readonly StatementVariant[], accounts: readonly VariantAccount[], media: { mimeTypes: string[] }): VariantProblem[] {
  const problems: VariantProblem[] = [];
  const hasImage = media.mimeTypes.some((m) => m.startsWith('image/'));
  for (const v of variants) {
    const account = accounts.find((a) => a.id === v.channelAccountId);
    if (!account) {
      problems.push({ channelAccountId: v.channelAccountId, handle: '', field: 'text', used: 0, limit: 0, reason: 'unknown-account' });
      continue;
    }
    if (v.text.trim() === '' && !(account.platform === 'youtube' && (v.title ?? '').trim() !== '')) {
      problems.push({ channelAccountId: account.id, handle: account.handle, field: 'text', used: 0, limit: 0, reason: 'empty' });
    }
    if (account.platform === 'youtube' && !media.mimeTypes.some((m) => m.startsWith('video/'))) {
      problems.push({ channelAccountId: account.id, handle: account.handle, field: 'text', used: 0, limit: 0, reason: 'missing-media' });
    }
    for (const channel of account.textChannels) {
      const field = fieldFor(channel);
      const value = field === 'title' ? (v.title ?? '') : v.text;
      const options: MeasureOptions = { ...account.limits, ...(channel === 'telegram' && hasImage ? { caption: true } : {}) };
      const m = measureText(channel, value, options);
      if (m.over) problems.push({ channelAccountId: account.id, handle: account.handle, field, used: m.used, limit: m.limit, reason: 'too-long' });
    }
  }
  return problems;
}

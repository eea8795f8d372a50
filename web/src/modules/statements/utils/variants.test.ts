import type { ChannelAccountDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { deriveVariant, measureVariant } from './variants.ts';

const account = (platform: string, limits: ChannelAccountDto['limits'] = {}): ChannelAccountDto => ({
  id: '00000000-0000-4000-8000-000000000001',
  unitId: '00000000-0000-4000-8000-000000000002',
  platform,
  handle: '@kemlu',
  displayName: null,
  url: null,
  status: 'active',
  statusReason: null,
  textChannels: [platform],
  limits,
  connectedAt: '2026-01-01T00:00:00.000Z',
});

describe('channel variants', () => {
  it('counts X links as 23 and Mastodon against the instance limit', () => {
    const text = `Kerja sama maritim https://kemlu.go.id/${'a'.repeat(200)}`;
    expect(measureVariant('x', account('x'), text, false).used).toBe('Kerja sama maritim '.length + 23);
    const m = measureVariant('mastodon', account('mastodon', { instanceLimit: 30 }), 'x'.repeat(31), false);
    expect(m).toMatchObject({ limit: 30, over: true });
  });

  it('makes a Telegram text a 1,024 caption when an image goes with it', () => {
    expect(measureVariant('telegram', account('telegram'), 'hi', true).limit).toBe(1024);
    expect(measureVariant('telegram', account('telegram'), 'hi', false).limit).toBe(4096);
  });

  it('derives a text that fits, cut at a word with an ellipsis', () => {
    const body = 'Indonesia menyambut baik kesepakatan kerja sama maritim. '.repeat(20);
    const derived = deriveVariant('bluesky', account('bluesky'), 'Judul', body, false);
    const m = measureVariant('bluesky', account('bluesky'), derived, false);
    expect(m.over).toBe(false);
    expect(m.used).toBeGreaterThan(250);
    expect(derived.endsWith('…')).toBe(true);
    expect(deriveVariant('x', account('x'), 'Judul', 'Pendek.', false)).toBe('Judul\n\nPendek.');
  });
});

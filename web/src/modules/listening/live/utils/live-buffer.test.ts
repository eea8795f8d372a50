import type { ItemDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { emptyBuffer, maxHeld, maxShown, pause, receive, restart, resume } from './live-buffer.ts';

let n = 0;
const item = (collectedAt = '2026-11-25T08:00:00.000Z'): ItemDto =>
  ({ id: `00000000-0000-7000-8000-${String(n++).padStart(12, '0')}`, collectedAt, publishedAt: collectedAt, text: 'x' }) as ItemDto;
const many = (count: number) => Array.from({ length: count }, () => item());

describe('live buffer', () => {
  it('puts arrivals on top, keeps the newest 200 and ignores repeats', () => {
    const first = [item('2026-11-25T08:00:00.000Z')];
    let b = receive(emptyBuffer, first);
    const second = [item('2026-11-25T08:05:00.000Z'), item('2026-11-25T08:04:00.000Z')];
    b = receive(b, second);
    expect(b.shown.map((i) => i.id)).toEqual([...second, ...first].map((i) => i.id));
    expect(b.newestCollectedAt).toBe('2026-11-25T08:05:00.000Z');
    expect(receive(b, first)).toBe(b);
    b = receive(b, many(maxShown));
    expect(b.shown).toHaveLength(maxShown);
    expect(b.received).toBe(maxShown + 3);
  });

  it('holds arrivals while paused and shows them on resume', () => {
    let b = receive(emptyBuffer, [item()]);
    b = pause(b);
    b = receive(b, many(3));
    expect(b).toMatchObject({ heldCount: 3 });
    expect(b.shown).toHaveLength(1);
    b = resume(b);
    expect(b).toMatchObject({ paused: false, heldCount: 0, overflow: 0 });
    expect(b.shown).toHaveLength(4);
  });

  it('counts past the cap while paused and says how many could not be kept', () => {
    let b = pause(emptyBuffer);
    b = receive(b, many(maxHeld));
    b = receive(b, many(20));
    expect(b).toMatchObject({ heldCount: maxHeld + 20 });
    expect(b.held).toHaveLength(maxHeld);
    b = resume(b);
    expect(b.overflow).toBe(20);
    expect(b.shown).toHaveLength(maxShown);
  });

  it('starts a fresh list for a new subscription, keeping the pause', () => {
    const b = restart(receive(pause(emptyBuffer), many(2)));
    expect(b).toMatchObject({ paused: true, heldCount: 0, shown: [], newestCollectedAt: null });
  });
});

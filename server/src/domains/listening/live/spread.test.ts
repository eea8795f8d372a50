import { describe, expect, it } from 'vitest';
import { bucketMs, chooseBucket, fillTimeline, maxFilledBuckets } from './spread.ts';

const hour = 3_600_000;

describe('cluster spread', () => {
  it('chooses bars from the span: 5 min, hour, 6 hours, day', () => {
    expect(chooseBucket(0)).toBe('5m');
    expect(chooseBucket(6 * hour)).toBe('5m');
    expect(chooseBucket(6 * hour + 1)).toBe('1h');
    expect(chooseBucket(72 * hour)).toBe('1h');
    expect(chooseBucket(5 * 24 * hour)).toBe('6h');
    expect(chooseBucket(40 * 24 * hour)).toBe('1d');
  });

  it('fills the gaps between non-empty buckets with zeros', () => {
    const t0 = Date.UTC(2026, 10, 25, 8, 0);
    const timeline = fillTimeline(
      [
        { start: t0, count: 2 },
        { start: t0 + 3 * bucketMs['5m'], count: 1 },
      ],
      '5m',
    );
    expect(timeline.map((b) => b.count)).toEqual([2, 0, 0, 1]);
    expect(timeline[1]?.start).toBe(new Date(t0 + bucketMs['5m']).toISOString());
    expect(fillTimeline([], '1h')).toEqual([]);
  });

  it('lists only non-empty buckets when filling would make too many', () => {
    const t0 = Date.UTC(2020, 0, 1);
    const timeline = fillTimeline(
      [
        { start: t0, count: 1 },
        { start: t0 + maxFilledBuckets * bucketMs['1d'], count: 1 },
      ],
      '1d',
    );
    expect(timeline).toHaveLength(2);
  });
});

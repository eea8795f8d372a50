import { describe, expect, it } from 'vitest';
import { type CoordinationResult, createCoordinationTracker, detectCoordination, edgeThreshold, estimateCoordinationWindow, type Share } from './index.ts';
import { poissonTail } from './networks.ts';

const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);
const HOUR = 3_600_000;

/** Five accounts posting the same three links, each 1 s after the other, hours apart. */
function plantedGroup(links = 3): Share[] {
  const shares: Share[] = [];
  Array.from({ length: links }, (_, k) => `https://a.example/${k + 1}`).forEach((url, k) => {
    for (let m = 0; m < 5; m++) shares.push({ accountId: `g${m}`, objectId: url, at: T0 + k * 3 * HOUR + m * 1000, id: `post-${k}-${m}` });
  });
  return shares;
}

/** A popular link shared by 100 unrelated accounts, one every 3 minutes over 5 hours. */
function popularLink(every = 180_000): Share[] {
  return Array.from({ length: 100 }, (_, i) => ({ accountId: `u${i}`, objectId: 'https://news.example/story', at: T0 + i * every }));
}

const accountsOf = (r: CoordinationResult) => r.networks.map((n) => n.accounts.map((a) => a.accountId));

describe('estimateCoordinationWindow (CooRnet)', () => {
  it('takes the quickest 10 % of objects by second share and the median time to pass half of their shares', () => {
    // Ten objects: one whose second share comes after 1 s, nine after 100 s or more.
    const quick = [0, 1000, 3000, 4000, 60_000]; // 5 shares: rank 3 (index 2) is the first past 50 %: 3 s
    const slow = Array.from({ length: 9 }, (_, k) => [0, (100 + k) * 1000, 500_000]);
    const window = estimateCoordinationWindow([quick, ...slow]);
    // q-quantile (type 7) of [1, 100…108] at 0.1 is 1 + 0.9·(100 − 1) = 90.1 s: only the quick one is kept.
    expect(window).toMatchObject({ source: 'estimated', seconds: 3, repeatedObjects: 10, quickestObjects: 1 });
  });
  it('is 1 s when the estimate comes out as 0, and honours a fixed window and the bounds', () => {
    expect(estimateCoordinationWindow([[5, 5, 5]]).seconds).toBe(1);
    expect(estimateCoordinationWindow([[0, 1000]], { windowSeconds: 30 })).toMatchObject({ seconds: 30, source: 'fixed' });
    expect(estimateCoordinationWindow([[0, 7_200_000, 7_200_000]], { maxWindowSeconds: 600 })).toMatchObject({ seconds: 600, raw: 7200 });
    expect(estimateCoordinationWindow([[0]]).source).toBe('default');
  });
});

describe('edgeThreshold', () => {
  it('is the 90th percentile of co-share counts (R type 7), never below the minimum repetitions', () => {
    const weights = [...Array(18).fill(1), 5, 9]; // position 19·0.9 = 17.1: between 1 and 5 → 1.4
    expect(edgeThreshold(weights, 0.9, 1)).toBeCloseTo(1.4);
    expect(edgeThreshold(weights, 0.9, 2)).toBe(2);
    expect(edgeThreshold([3, 3, 3, 4], 0.9, 2)).toBeCloseTo(3.7);
    expect(edgeThreshold([], 0.9, 2)).toBe(2);
  });
});

describe('poissonTail', () => {
  it('keeps its precision in the far tail and sums to one', () => {
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(2, 1e-4)).toBeCloseTo(4.9997e-9, 12);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonTail(50, 49)).toBeGreaterThan(0.4);
  });
});

describe('detectCoordination', () => {
  it('finds five accounts sharing three links within seconds, not a popular link shared by many over hours', () => {
    const result = detectCoordination([...plantedGroup(), ...popularLink()]);
    expect(result.window).toMatchObject({ source: 'estimated', seconds: 2 });
    expect(accountsOf(result)).toEqual([['g0', 'g1', 'g2', 'g3', 'g4']]);
    const [network] = result.networks;
    expect(network!.objects.map((o) => o.objectId)).toEqual(['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
    // Within 2 s: neighbours one and two apart, each pair on all three links.
    expect(network!.edges).toHaveLength(7);
    expect(network!.edges.every((e) => e.weight === 3 && e.coShares.length === 3)).toBe(true);
    const edge = network!.edges.find((e) => e.a === 'g0' && e.b === 'g2')!;
    expect(edge.coShares[0]).toEqual({ objectId: 'https://a.example/1', a: { accountId: 'g0', at: T0, id: 'post-0-0' }, b: { accountId: 'g2', at: T0 + 2000, id: 'post-0-2' }, seconds: 2 });
    expect(network!.timeline).toHaveLength(15);
    expect(network!.timeline[0]).toEqual({ accountId: 'g0', objectId: 'https://a.example/1', at: T0, id: 'post-0-0' });
    expect(network!.key).toMatch(/^net-[0-9a-f]{16}$/);
  });

  it('keeps a crowd that co-shares one link once out, even with a window that pairs them', () => {
    const result = detectCoordination([...plantedGroup(), ...popularLink(60_000)], { windowSeconds: 120, significance: false });
    expect(result.stats.pairs).toBeGreaterThan(100);
    expect(accountsOf(result)).toEqual([['g0', 'g1', 'g2', 'g3', 'g4']]);
  });

  it('needs at least two repeated co-shares: one link in common is no network', () => {
    const once = plantedGroup().filter((s) => s.objectId.endsWith('/1'));
    expect(detectCoordination(once, { windowSeconds: 10 }).networks).toEqual([]);
  });

  it('counts an account sharing the same link twice once, and never pairs an account with itself', () => {
    const shares: Share[] = [...plantedGroup(), ...plantedGroup().map((s) => ({ ...s, at: (s.at as number) + 500, id: `${s.id}-again` }))];
    const [network] = detectCoordination(shares, { windowSeconds: 2, significance: false }).networks;
    expect(network!.edges.every((e) => e.weight === 3 && e.a !== e.b)).toBe(true);
  });

  it('drops pairs that co-share no more than chance predicts for accounts as active as they are', () => {
    // Two heavy sharers join all 50 news bursts (30 accounts each over ten minutes), as do many
    // others at random: they meet in a fifth of them, as their activity predicts. The group meets
    // on four links nobody else shares.
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const bursts: Share[] = [];
    for (let k = 0; k < 50; k++) {
      const crowd = new Set(['h1', 'h2']);
      while (crowd.size < 30) crowd.add(`u${Math.floor(rand() * 300)}`);
      for (const accountId of crowd) bursts.push({ accountId, objectId: `https://news.example/${k}`, at: T0 + k * HOUR + Math.floor(rand() * 600_000) });
    }
    const shares = [...plantedGroup(4), ...bursts];
    const tested = detectCoordination(shares, { windowSeconds: 60 });
    expect(accountsOf(tested)).toEqual([['g0', 'g1', 'g2', 'g3', 'g4']]);
    expect(tested.chanceRejected).toBeGreaterThan(0);
    const edge = tested.networks[0]!.edges[0]!;
    expect(edge.expected).toBeLessThan(0.1);
    expect(edge.pValue).toBeLessThan(1e-4);
    const untested = detectCoordination(shares, { windowSeconds: 60, significance: false });
    expect(untested.networks.flatMap((n) => n.accounts.map((a) => a.accountId))).toContain('h1');
  });

  it('says clearly what is wrong with a bad share', () => {
    expect(() => detectCoordination([{ accountId: '', objectId: 'x', at: 0 }])).toThrow(/accountId/);
    expect(() => detectCoordination([{ accountId: 'a', objectId: 'x', at: new Date('nope') }])).toThrow(/invalid share time/);
    expect(() => detectCoordination([], { edgePercentile: 2 })).toThrow(/edgePercentile/);
    expect(() => detectCoordination([], { significance: 0 })).toThrow(/significance/);
  });
});

describe('createCoordinationTracker', () => {
  /** A seeded mix: a planted group of 6 on 8 links within 20 s, and 300 accounts sharing 150 links at random. */
  function mixed(): Share[] {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const shares: Share[] = [];
    for (let i = 0; i < 3000; i++) shares.push({ accountId: `u${Math.floor(rand() * 300)}`, objectId: `l${Math.floor(rand() ** 2 * 150)}`, at: T0 + Math.floor(rand() * 48 * HOUR), id: `b${i}` });
    for (let k = 0; k < 8; k++) for (let m = 0; m < 6; m++) shares.push({ accountId: `g${m}`, objectId: `c${k}`, at: T0 + k * 5 * HOUR + Math.floor(rand() * 20_000), id: `c${k}-${m}` });
    return shares.sort((x, y) => (x.at as number) - (y.at as number));
  }

  const summary = (r: CoordinationResult) => ({
    window: r.window.seconds,
    threshold: r.edgeThreshold,
    pairs: r.stats.pairs,
    networks: r.networks.map((n) => ({
      accounts: n.accounts.map((a) => a.accountId),
      edges: n.edges.map((e) => [[e.a, e.b].sort().join('+'), e.weight, e.coShares.map((c) => c.seconds)] as const).sort(),
    })),
  });

  it('gives the same networks as the batch when shares arrive in time order', () => {
    const shares = mixed();
    const tracker = createCoordinationTracker();
    for (const s of shares) tracker.add(s);
    const incremental = tracker.detect();
    const batch = detectCoordination(shares);
    expect(summary(incremental)).toEqual(summary(batch));
    expect(incremental.networks.some((n) => n.accounts.length === 6 && n.accounts.every((a) => a.accountId.startsWith('g')))).toBe(true);
  });

  it('drops shares beyond the horizon, and their co-shares with them', () => {
    const tracker = createCoordinationTracker({ horizonSeconds: 6 * 3600, windowSeconds: 10, significance: false });
    tracker.add(plantedGroup());
    expect(tracker.detect().networks).toHaveLength(1);
    // Two days later the planted shares are out of the horizon.
    tracker.add({ accountId: 'x', objectId: 'https://later.example', at: T0 + 48 * HOUR });
    expect(tracker.size).toEqual({ shares: 1, coShares: 0, objects: 1 });
    expect(tracker.detect().networks).toEqual([]);
  });

  it('joins the shares of merged near-duplicate clusters into one object', () => {
    const tracker = createCoordinationTracker({ windowSeconds: 10, significance: false });
    // Two accounts post the same text twice, but the first copies landed in two clusters.
    tracker.add([
      { accountId: 'a', objectId: 'cluster:1', at: T0 },
      { accountId: 'b', objectId: 'cluster:2', at: T0 + 2000 },
      { accountId: 'a', objectId: 'cluster:3', at: T0 + HOUR },
      { accountId: 'b', objectId: 'cluster:3', at: T0 + HOUR + 1000 },
    ]);
    expect(tracker.detect().networks).toEqual([]);
    tracker.mergeObjects('cluster:1', ['cluster:2']);
    tracker.add({ accountId: 'c', objectId: 'cluster:2', at: T0 + 3000 });
    const [network] = tracker.detect().networks;
    expect(network!.edges.find((e) => [e.a, e.b].sort().join() === 'a,b')?.weight).toBe(2);
    expect(network!.objects.map((o) => o.objectId).sort()).toEqual(['cluster:1', 'cluster:3']);
  });

  it('rejects a bad share and keeps what it had', () => {
    const tracker = createCoordinationTracker();
    tracker.add(plantedGroup());
    expect(() => tracker.add({ accountId: 'z', objectId: '', at: T0 })).toThrow(/objectId/);
    expect(tracker.size.shares).toBe(15);
  });
});

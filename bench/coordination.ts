// Coordination detection on 1,000,000 shares (issue 13, ADR 0024): seconds and memory of
// detectCoordination over a week of shares by 100,000 accounts, with 40 planted networks of 6–12
// accounts that share the same links within seconds of each other. The baseline in the same process
// is ordering the same shares by time (what any method that pairs shares in time must at least do),
// so the figure is a ratio that travels between machines. Also: the share of planted accounts found
// and of accounts found that were planted. Run: npm run bench -- coordination.
import { type Share, detectCoordination, seededRandom } from '@diplodesk/analysis';

const SHARES = Number(process.env.BENCH_COORDINATION_SHARES ?? 1_000_000);
const ACCOUNTS = 100_000;
const OBJECTS = 250_000;
const NETWORKS = 40;
const WEEK_MS = 7 * 24 * 3600 * 1000;

type Planted = { shares: Share[]; accounts: Set<string> };

/** Background: accounts of very unequal activity sharing objects of very unequal popularity at random moments. */
function background(count: number, rand: () => number): Share[] {
  const start = Date.UTC(2026, 10, 1);
  const shares: Share[] = new Array(count);
  for (let i = 0; i < count; i++) {
    // Squaring a uniform number gives a long tail: a few accounts and links take most shares.
    const account = Math.floor(rand() ** 2 * ACCOUNTS);
    const object = Math.floor(rand() ** 3 * OBJECTS);
    shares[i] = { accountId: `a${account}`, objectId: `https://news.example/${object}`, at: start + Math.floor(rand() * WEEK_MS), id: `b${i}` };
  }
  return shares;
}

/** Networks: each posts 4–8 links of its own, every member within 1–20 s of the first. */
function planted(rand: () => number): Planted {
  const start = Date.UTC(2026, 10, 1);
  const shares: Share[] = [];
  const accounts = new Set<string>();
  for (let n = 0; n < NETWORKS; n++) {
    const members = Array.from({ length: 6 + Math.floor(rand() * 7) }, (_, m) => `net${n}-${m}`);
    for (const m of members) accounts.add(m);
    const links = 4 + Math.floor(rand() * 5);
    for (let l = 0; l < links; l++) {
      const at = start + Math.floor(rand() * WEEK_MS);
      for (const m of members) shares.push({ accountId: m, objectId: `https://push.example/${n}/${l}`, at: at + Math.floor(rand() * 20_000), id: `p${n}-${l}-${m}` });
    }
  }
  return { shares, accounts };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function benchCoordination(): Promise<unknown> {
  const rand = seededRandom(2026);
  const plant = planted(rand);
  const shares = [...background(SHARES - plant.shares.length, rand), ...plant.shares];

  // Baseline: order the shares by time (a copy, as the detector keeps its own arrays).
  let started = performance.now();
  const ordered = shares.map((s) => s.at as number).sort((a, b) => a - b);
  const sortSeconds = (performance.now() - started) / 1000;
  if (ordered.length !== shares.length) throw new Error('baseline lost shares');

  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 50);
  started = performance.now();
  const result = detectCoordination(shares);
  const detectSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);

  const found = new Set(result.networks.flatMap((n) => n.accounts.map((a) => a.accountId)));
  const truePositives = [...found].filter((a) => plant.accounts.has(a)).length;
  const summary = {
    bench: 'coordination',
    metric: `detectCoordination over ${shares.length.toLocaleString('en')} shares (${ACCOUNTS.toLocaleString('en')} accounts, ${NETWORKS} planted networks), against ordering the same shares by time`,
    shares: shares.length,
    seconds: Number(detectSeconds.toFixed(2)),
    baselineSortSeconds: Number(sortSeconds.toFixed(2)),
    ratioToSort: Number((detectSeconds / sortSeconds).toFixed(1)),
    heapGrowthMb: mb(peakHeap - heapBefore),
    peakRssMb: mb(peakRss),
    window: result.window,
    pairs: result.stats.pairs,
    keptPairs: result.stats.keptPairs,
    networks: result.networks.length,
    plantedAccountsFound: Number((truePositives / plant.accounts.size).toFixed(3)),
    foundAccountsPlanted: Number((found.size === 0 ? 0 : truePositives / found.size).toFixed(3)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}

// Coordination detection on 1 M synthetic shares: seconds and memory of the batch, and of the
// incremental tracker fed the same shares one by one. One JSON line each.
//   node --expose-gc --import tsx packages/analysis/scripts/bench-coordination.ts [shares]
// The shares: 100,000 accounts over 7 days; material with a heavy-tailed number of shares (up to 300)
// following its appearance with log-normal delays; news bursts; 50 planted groups of 5–15 accounts.
import { createCoordinationTracker, detectCoordination, type Share } from '../src/coordination/index.ts';
import { between, prng } from '../eval/random.ts';

const total = Number(process.argv[2] ?? 1_000_000);
const rand = prng(42);
const HOUR = 3_600_000;
const START = Date.UTC(2025, 2, 3);
const SPAN = 7 * 24 * HOUR;

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function generate(): Share[] {
  const shares: Share[] = [];
  const account = () => `a${Math.floor(100_000 * rand() ** 2)}`;
  for (let g = 0; g < 50; g++) {
    const members = Array.from({ length: between(5, 15, rand) }, (_, m) => `g${g}m${m}`);
    for (let c = between(4, 10, rand); c > 0; c--) {
      const t0 = START + Math.floor(rand() * SPAN);
      for (const m of members) if (rand() < 0.8) shares.push({ accountId: m, objectId: `https://campaign${g}.example/${c}`, at: t0 + Math.floor(rand() * 60_000) });
    }
  }
  for (let b = 0; b < 300; b++) {
    const t0 = START + Math.floor(rand() * SPAN);
    for (let k = between(20, 80, rand); k > 0; k--) shares.push({ accountId: account(), objectId: `https://breaking.example/${b}`, at: t0 + Math.floor(-Math.log(1 - rand()) * 600_000) });
  }
  for (let o = 0; shares.length < total; o++) {
    const born = START + Math.floor(rand() * SPAN);
    const objectId = rand() < 0.6 ? `cluster:${o}` : `https://news.example/${o}`;
    for (let k = Math.min(300, Math.floor((1 - rand()) ** (-1 / 1.3))); k > 0 && shares.length < total; k--) {
      // Delays are held within the week: one share dated months ahead would age everything else out.
      const delay = Math.min(SPAN, Math.exp(Math.log(3 * HOUR) + 1.5 * gaussian()));
      shares.push({ accountId: account(), objectId, at: born + Math.floor(delay), id: `p${shares.length}` });
    }
  }
  return shares.sort((x, y) => (x.at as number) - (y.at as number));
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const gc = (globalThis as { gc?: () => void }).gc;

const shares = generate();
gc?.();
const before = process.memoryUsage();
let started = performance.now();
const batch = detectCoordination(shares);
const batchSeconds = (performance.now() - started) / 1000;
const afterBatch = process.memoryUsage();
console.log(
  JSON.stringify({
    bench: 'coordination-batch',
    shares: shares.length,
    seconds: Number(batchSeconds.toFixed(2)),
    sharesPerSecond: Math.round(shares.length / batchSeconds),
    heapBeforeMB: mb(before.heapUsed),
    heapAfterMB: mb(afterBatch.heapUsed),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    window: batch.window.seconds,
    pairs: batch.stats.pairs,
    networks: batch.networks.length,
    flagged: batch.networks.reduce((n, x) => n + x.accounts.length, 0),
    note: gc ? 'heap measured after a forced GC' : 'run with node --expose-gc for a clean heap figure',
  }),
);

gc?.();
started = performance.now();
// A horizon long enough to hold every share, so that the answer can be compared with the batch's.
const tracker = createCoordinationTracker({ horizonSeconds: 30 * 86_400 });
for (const s of shares) tracker.add(s);
const addSeconds = (performance.now() - started) / 1000;
started = performance.now();
const incremental = tracker.detect();
const detectSeconds = (performance.now() - started) / 1000;
gc?.();
console.log(
  JSON.stringify({
    bench: 'coordination-tracker',
    shares: shares.length,
    addSeconds: Number(addSeconds.toFixed(2)),
    detectSeconds: Number(detectSeconds.toFixed(2)),
    held: tracker.size,
    heapWithTrackerMB: mb(process.memoryUsage().heapUsed),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    networks: incremental.networks.length,
    pairs: incremental.stats.pairs,
    sameAsBatch: JSON.stringify(incremental.networks.map((n) => n.key)) === JSON.stringify(batch.networks.map((n) => n.key)),
  }),
);

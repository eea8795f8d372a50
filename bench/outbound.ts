// An RSS poll of 100 feeds from a local fake, through the unguarded global fetch (baseline) and
// through the outbound guard (subject: one resolution, every address checked, a pinned connect, a
// counted body), in one process. Rounds alternate so drift hits both alike; each figure is the
// median round. Prints one JSON line per variant and one with the overhead.
// Goal (issue 10): the guard adds ≤ 5 % to the poll.
import os from 'node:os';
import { createRssSource } from '@diplodesk/connector-rss';
import { rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import { type OutboundHttp, unguardedOutbound } from '@diplodesk/connector-sdk';
import { createOutbound, parseAllowList } from '../server/src/platform/outbound/index.ts';
import { percentile } from './support.ts';

const FEEDS = 100;
const ITEMS_PER_FEED = 20;
const CONCURRENCY = 10;
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);

async function pollAll(outbound: OutboundHttp, urls: string[]): Promise<number> {
  const source = createRssSource({}, outbound);
  const started = performance.now();
  let next = 0;
  let items = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++] as string;
        const batch = await source.poll({ accessToken: '', extra: { url } }, null);
        items += batch.items.length;
      }
    }),
  );
  if (items !== FEEDS * ITEMS_PER_FEED) throw new Error(`expected ${FEEDS * ITEMS_PER_FEED} items, got ${items}`);
  return performance.now() - started;
}

export async function benchOutbound(): Promise<Record<string, unknown>> {
  const fake = await startFakeFeedServer();
  const urls: string[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const items = Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({ guid: `f${f}-${i}`, title: `Feed ${f} story ${i}`, description: `<p>Summary of story ${i} of feed ${f}, a paragraph of ordinary length for a news feed.</p>`, link: `https://news.example/${f}/${i}`, pubDate: new Date(Date.UTC(2026, 0, 1, i)).toUTCString() }));
    fake.setFeed(`/feed-${f}.xml`, { body: rss20Feed({ title: `Feed ${f}`, items }) });
    urls.push(fake.url(`/feed-${f}.xml`));
  }
  // The fake listens on loopback: the allow-list a test set-up would use.
  const guard = createOutbound({ allow: parseAllowList('127.0.0.0/8,::1/128') });
  const times = { baseline: [] as number[], guarded: [] as number[] };
  // Warm-up: JIT, connection pools.
  for (let i = 0; i < 3; i++) {
    await pollAll(unguardedOutbound, urls);
    await pollAll(guard, urls);
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['baseline', 'guarded'] as const) : (['guarded', 'baseline'] as const);
    for (const variant of order) times[variant].push(await pollAll(variant === 'baseline' ? unguardedOutbound : guard, urls));
  }
  await guard.close();
  await fake.close();

  const env = { feeds: FEEDS, itemsPerFeed: ITEMS_PER_FEED, concurrency: CONCURRENCY, rounds, cpus: os.cpus().length, node: process.version };
  const median = (v: number[]) => percentile(v, 50);
  const baseline = median(times.baseline);
  const guarded = median(times.guarded);
  console.log(JSON.stringify({ bench: 'outbound', variant: 'global fetch, no checks', medianPollMs: Number(baseline.toFixed(1)), p90PollMs: Number(percentile(times.baseline, 90).toFixed(1)), ...env }));
  console.log(JSON.stringify({ bench: 'outbound', variant: 'outbound guard', medianPollMs: Number(guarded.toFixed(1)), p90PollMs: Number(percentile(times.guarded, 90).toFixed(1)), ...env }));
  const overhead = guarded / baseline - 1;
  const summary = { bench: 'outbound', metric: 'guarded/unguarded poll time - 1', overhead: Number(overhead.toFixed(3)), goal: 0.05, meetsGoal: overhead <= 0.05 };
  console.log(JSON.stringify(summary));
  return summary;
}

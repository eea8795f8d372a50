// `npm run bench`: runs every benchmark in turn; each prints its figures as JSON lines.
import { benchAnalysis } from './analysis.ts';
import { benchApi } from './api.ts';
import { benchClaimMatching } from './claim-matching.ts';
import { benchClustering } from './clustering.ts';
import { benchCoordination } from './coordination.ts';
import { benchFanout } from './fanout.ts';
import { benchIngest } from './ingest.ts';
import { benchInsights } from './insights.ts';
import { benchLiveLatency } from './live-latency.ts';
import { benchNewsroom } from './newsroom.ts';
import { benchOutbound } from './outbound.ts';
import { benchSearch } from './search.ts';
import { benchStartup } from './startup.ts';

const benches: Record<string, () => Promise<unknown>> = { startup: benchStartup, api: benchApi, newsroom: benchNewsroom, fanout: benchFanout, analysis: benchAnalysis, ingest: benchIngest, search: benchSearch, clustering: benchClustering, live: benchLiveLatency, outbound: benchOutbound, insights: benchInsights, claims: benchClaimMatching, coordination: benchCoordination };
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}

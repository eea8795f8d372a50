// One analysis thread: holds the language model and the ministry's current taxonomy, and answers
// batches of texts with their analysis. Started by analysis-pool.ts through analysis-thread.mjs.
import { parentPort } from 'node:worker_threads';
import { type Analyser, createAnalyser } from '../analyse-item.ts';
import type { AnalyseOutcome, ThreadReply, ThreadRequest } from './analysis-messages.ts';

const port = parentPort;
if (!port) throw new Error('analysis-thread.ts runs as a worker thread');

const analysers = new Map<string, Promise<Analyser>>();

port.on('message', (message: ThreadRequest) => {
  if (message.kind === 'configure') {
    // Only the newest taxonomy is kept: requests always carry the version the pool configured last.
    analysers.clear();
    analysers.set(message.version, createAnalyser(message.taxonomy, message.models));
    return;
  }
  void answer(message);
});

async function answer(request: Extract<ThreadRequest, { kind: 'analyse' }>): Promise<void> {
  const analyser = analysers.get(request.version);
  if (!analyser) {
    port?.postMessage({ id: request.id, failure: `analysis thread has no taxonomy ${request.version}` } satisfies ThreadReply);
    return;
  }
  try {
    const ready = await analyser;
    const outcomes = request.items.map((item): AnalyseOutcome => {
      try {
        return { analysis: ready.analyse(item) };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    });
    port?.postMessage({ id: request.id, outcomes } satisfies ThreadReply);
  } catch (err) {
    port?.postMessage({ id: request.id, failure: err instanceof Error ? err.message : String(err) } satisfies ThreadReply);
  }
}

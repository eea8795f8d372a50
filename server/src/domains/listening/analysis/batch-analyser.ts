// How the analysing worker analyses a batch: on worker threads (the default), so the process's
// event loop — HTTP, the live WebSocket, the stream's producers — never waits on text analysis and
// every core analyses; or on the calling thread (ANALYSIS_THREADS=0, and one-off commands).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Taxonomy } from '@diplodesk/analysis';
import type { Analyser } from '../analyse-item.ts';
import type { TopicModels } from '../topics/classify-item.ts';
import type { AnalyseInput, AnalyseOutcome, ThreadReply, ThreadRequest } from './analysis-messages.ts';

export type { AnalyseInput, AnalyseOutcome } from './analysis-messages.ts';

export type BatchAnalyser = { analyseBatch(items: AnalyseInput[]): Promise<AnalyseOutcome[]> };

/** The default number of analysis threads: every core, at most four. */
export function defaultAnalysisThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

/** Analyses on the calling thread. */
export function inThreadAnalyser(analyser: Analyser): BatchAnalyser {
  return {
    async analyseBatch(items) {
      return items.map((item) => {
        try {
          return { analysis: analyser.analyse(item) };
        } catch (err) {
          return { error: err instanceof Error ? err.message : String(err) };
        }
      });
    },
  };
}

export type AnalysisPool = {
  /** The analyser for one taxonomy version; the threads are told of a new version once. */
  analyserFor(version: string, taxonomy: Taxonomy, models: TopicModels): BatchAnalyser;
  close(): Promise<void>;
};

type Pending = { resolve: (outcomes: AnalyseOutcome[]) => void; reject: (err: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; version: string | null; dead: boolean };

// Below this many items a batch goes to one thread: splitting costs more than it saves.
const MIN_CHUNK = 25;
const entry = new URL('./analysis-thread.mjs', import.meta.url);

/**
 * A pool of `threads` analysis threads (each loads the language model once, ≈ 0.4 s). A batch is
 * split into contiguous chunks, one per thread, and answered in order. A thread that dies fails its
 * pending chunks (the worker hands the batch back to the stream and retries) and is replaced on
 * the next batch.
 */
export function createAnalysisPool(threads: number = defaultAnalysisThreads()): AnalysisPool {
  const size = Math.max(1, Math.floor(threads));
  const pool: (Thread | null)[] = Array.from({ length: size }, () => null);
  let nextId = 1;
  // Where the next batch's first chunk goes: small batches take turns instead of all queueing on one thread.
  let turn = 0;
  let config: { version: string; taxonomy: Taxonomy; models: TopicModels } | null = null;
  let closed = false;

  function spawn(): Thread {
    const thread: Thread = { worker: new Worker(entry), pending: new Map(), version: null, dead: false };
    const fail = (err: Error) => {
      thread.dead = true;
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
    };
    thread.worker.on('message', (reply: ThreadReply) => {
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      if ('failure' in reply) pending.reject(new Error(reply.failure));
      else pending.resolve(reply.outcomes);
    });
    thread.worker.on('error', (err) => fail(err));
    thread.worker.on('exit', (code) => fail(new Error(`analysis thread exited with code ${code}`)));
    // An idle pool must not keep a finishing process alive.
    thread.worker.unref();
    return thread;
  }

  function threadAt(i: number): Thread {
    let thread = pool[i];
    if (!thread || thread.dead) {
      thread = spawn();
      pool[i] = thread;
    }
    if (config && thread.version !== config.version) {
      thread.worker.postMessage({ kind: 'configure', version: config.version, taxonomy: config.taxonomy, models: config.models } satisfies ThreadRequest);
      thread.version = config.version;
    }
    return thread;
  }

  function send(i: number, version: string, items: AnalyseInput[]): Promise<AnalyseOutcome[]> {
    const thread = threadAt(i);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ kind: 'analyse', id, version, items } satisfies ThreadRequest);
    }).finally(() => {
      if (thread.pending.size === 0) thread.worker.unref();
    }) as Promise<AnalyseOutcome[]>;
  }

  return {
    analyserFor(version, taxonomy, models) {
      if (config?.version !== version) config = { version, taxonomy, models };
      return {
        async analyseBatch(items) {
          if (closed) throw new Error('the analysis pool is closed');
          if (items.length === 0) return [];
          const parts = Math.max(1, Math.min(size, Math.floor(items.length / MIN_CHUNK)));
          const per = Math.ceil(items.length / parts);
          const chunks = Array.from({ length: parts }, (_, k) => items.slice(k * per, (k + 1) * per)).filter((c) => c.length > 0);
          const first = turn;
          turn = (turn + chunks.length) % size;
          const answers = await Promise.all(chunks.map((chunk, k) => send((first + k) % size, version, chunk)));
          return answers.flat();
        },
      };
    },
    async close() {
      closed = true;
      await Promise.all(pool.map((t) => t?.worker.terminate()));
    },
  };
}


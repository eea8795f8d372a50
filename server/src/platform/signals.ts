/**
 * In-process notifications between parts of one process (e.g. "identity changed → drop cached
 * sessions"). Cross-instance news travels on the event bus; this is only the local shortcut that
 * takes effect before the response is sent.
 */
export type Signals = {
  emit(topic: string): void;
  on(topic: string, fn: () => void): () => void;
};

export function createSignals(): Signals {
  const handlers = new Map<string, Set<() => void>>();
  return {
    emit(topic) {
      for (const fn of handlers.get(topic) ?? []) fn();
    },
    on(topic, fn) {
      const set = handlers.get(topic) ?? new Set();
      set.add(fn);
      handlers.set(topic, set);
      return () => set.delete(fn);
    },
  };
}

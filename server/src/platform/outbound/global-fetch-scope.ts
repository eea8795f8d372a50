// Some libraries call the global fetch and accept neither a fetch function nor a dispatcher: Fedify
// delivers activities to inboxes and looks up WebFinger that way. Checking a URL before handing it
// to such a library would not be enough (the library resolves the name again: DNS rebinding). So
// the process's global dispatcher is replaced once by one that asks an AsyncLocalStorage which
// dispatcher serves the current async call tree: inside `withDispatcher` it is the guard's pinned
// agent (resolve once, check every address, connect to the checked one — on every connection and
// every redirect hop), everywhere else the dispatcher that was global before, so nothing else in
// the process changes behaviour.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';

const scope = new AsyncLocalStorage<Dispatcher>();

class ScopedDispatcher extends Dispatcher {
  readonly fallback: Dispatcher;

  constructor(fallback: Dispatcher) {
    super();
    this.fallback = fallback;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return (scope.getStore() ?? this.fallback).dispatch(options, handler);
  }

  // Closing the global dispatcher closes what served requests outside any scope; the guards'
  // agents are closed by their own `close()`.
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    return callback ? this.fallback.close(callback) : this.fallback.close();
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    if (typeof a === 'function') return this.fallback.destroy(a);
    if (b) return this.fallback.destroy(a ?? null, b);
    return this.fallback.destroy(a ?? null);
  }
}

/** Makes sure the global dispatcher is the scoped one (again, if something replaced it since). */
function ensureInstalled(): void {
  const current = getGlobalDispatcher();
  if (current instanceof ScopedDispatcher) return;
  setGlobalDispatcher(new ScopedDispatcher(current));
}

/** Runs `fn` with every request made through the global `fetch` in its async call tree served by `dispatcher`. */
export function withDispatcher<T>(dispatcher: Dispatcher, fn: () => Promise<T>): Promise<T> {
  // Checked on every call, not once: a test or library that set its own global dispatcher since
  // would otherwise silently take the scope away.
  ensureInstalled();
  return scope.run(dispatcher, fn);
}

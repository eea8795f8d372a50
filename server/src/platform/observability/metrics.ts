import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobsFinished: Counter<'name' | 'outcome'>;
  eventsDispatched: Counter<'type'>;
  loginAttempts: Counter<'outcome'>;
  rateLimited: Counter<'limit'>;
  listeningItemsReceived: Counter;
  listeningItemsStored: Counter;
};

/** One registry per app instance, so tests can build many apps in one process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'diplodesk_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'diplodesk_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsFinished: new Counter({ name: 'diplodesk_jobs_finished_total', help: 'Jobs finished by outcome', labelNames: ['name', 'outcome'], registers: [registry] }),
    eventsDispatched: new Counter({ name: 'diplodesk_events_dispatched_total', help: 'Outbox events dispatched', labelNames: ['type'], registers: [registry] }),
    loginAttempts: new Counter({ name: 'diplodesk_login_attempts_total', help: 'Sign-in attempts by outcome', labelNames: ['outcome'], registers: [registry] }),
    rateLimited: new Counter({ name: 'diplodesk_rate_limited_total', help: 'Requests refused with 429 by a rate limit: api, public (per caller or address) or route (a route of its own)', labelNames: ['limit'], registers: [registry] }),
    listeningItemsReceived: new Counter({ name: 'diplodesk_listening_items_received_total', help: 'Items taken from the ingest stream', registers: [registry] }),
    listeningItemsStored: new Counter({ name: 'diplodesk_listening_items_stored_total', help: 'New items stored (duplicates excluded)', registers: [registry] }),
  };
}

export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  // A callback hook, not an async one: it runs on every request and needs no promise.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}

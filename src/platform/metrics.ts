import client from 'prom-client';
import type { App } from './http.ts';

/** Prometheus metrics at /metrics: process defaults plus request durations by route and status. */
export function installMetrics(app: App): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'frontline_' });
  const duration = new client.Histogram({
    name: 'frontline_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

export { analyticsRoutes } from './analytics.routes.ts';
export { computeMetrics, parseMetricsQuery } from './metrics.service.ts';
export { metricDefinitions, type MetricDefinition } from './metrics-registry.ts';

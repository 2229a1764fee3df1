import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { definitionsResponse, drillQuery, metricsQuery, metricsResponse } from './analytics.schemas.ts';
import { costSettingsSchema, readCostSettings, saveCostSettings } from './cost-settings.ts';
import { metricsCsv } from './metrics-csv.ts';
import { computeMetrics, drillDown, listMetricDefinitions, parseMetricsQuery } from './metrics.service.ts';
import { rootCauseRoutes } from './root-cause.routes.ts';
import { dailyDashboard, monthlyDashboard, weeklyDashboard } from './dashboards.service.ts';
import { rebuildAnalyticsRollups } from './rollups.service.ts';

const tags = ['analytics'];
const reader = 'analytics.read' as const;

export function analyticsRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/analytics/metrics',
    { schema: { tags, querystring: metricsQuery, response: { 200: metricsResponse } }, config: { access: reader } },
    async (request, reply) => {
      const result = await computeMetrics(ctx, parseMetricsQuery(request.query));
      if (request.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="metrics.csv"')
          .serializer((body: string) => body)
          .send(metricsCsv(result) as never);
      return result;
    },
  );
  app.get(
    '/api/v1/analytics/metric-definitions',
    { schema: { tags, response: { 200: definitionsResponse } }, config: { access: reader } },
    async () => ({ data: await listMetricDefinitions(ctx) }),
  );
  app.get(
    '/api/v1/analytics/drill-down',
    {
      schema: {
        tags,
        querystring: drillQuery,
        response: { 200: z.object({ metric: z.string(), from: z.string(), to: z.string(), ticket_ids: z.array(z.number()) }) },
      },
      config: { access: reader },
    },
    (request) => drillDown(ctx, request.query),
  );
  app.get('/api/v1/analytics/cost-settings', { schema: { tags, response: { 200: costSettingsSchema } }, config: { access: reader } }, () =>
    readCostSettings(ctx.db),
  );
  app.put(
    '/api/v1/analytics/cost-settings',
    { schema: { tags, body: costSettingsSchema, response: { 200: costSettingsSchema } }, config: { access: 'settings.manage' } },
    (request) => saveCostSettings(ctx, actorOf(request), request.body),
  );
  const board = z.record(z.string(), z.unknown());
  const tz = z.string().min(1).max(64).optional().describe('IANA time zone (default UTC)');
  app.get(
    '/api/v1/analytics/dashboards/daily',
    { schema: { tags, querystring: z.strictObject({ tz }), response: { 200: board } }, config: { access: reader } },
    (request) => dailyDashboard(ctx, request.query),
  );
  app.get(
    '/api/v1/analytics/dashboards/weekly',
    {
      schema: {
        tags,
        querystring: z.strictObject({ tz, week: z.string().max(10).optional().describe('a date in the week (default: last full week)') }),
        response: { 200: board },
      },
      config: { access: reader },
    },
    (request) => weeklyDashboard(ctx, request.query),
  );
  app.get(
    '/api/v1/analytics/dashboards/monthly',
    {
      schema: {
        tags,
        querystring: z.strictObject({ tz, month: z.string().max(7).optional().describe('YYYY-MM (default: last full month)') }),
        response: { 200: board },
      },
      config: { access: reader },
    },
    (request) => monthlyDashboard(ctx, request.query),
  );
  app.post(
    '/api/v1/analytics/rollups/rebuild',
    {
      schema: {
        tags,
        description: 'Recompute the hourly rollups from the raw tickets, calls and survey answers.',
        response: { 200: z.object({ rows: z.number(), took_ms: z.number(), rebuilt_at: z.string() }) },
      },
      config: { access: 'settings.manage' },
    },
    () => rebuildAnalyticsRollups(ctx),
  );
  rootCauseRoutes(app, ctx);
}

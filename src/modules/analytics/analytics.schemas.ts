import { z } from 'zod';
import { intervals } from './periods.ts';

const text = (max: number) => z.string().min(1).max(max);

export const metricsQuery = z.strictObject({
  metrics: text(500).describe('comma-separated metric keys, e.g. fcr,volume,backlog_age (see /api/v1/analytics/metric-definitions)'),
  from: text(40).describe('a date (YYYY-MM-DD: local midnight in tz) or an ISO instant with an offset'),
  to: text(40).describe('a date (YYYY-MM-DD: that whole local day included) or an ISO instant with an offset (excluded)'),
  group_by: z.string().max(200).optional().describe('comma-separated: period, channel, group, agent, category, organization, value_tier'),
  interval: z.enum(intervals).optional().describe('the period for group_by=period (default day)'),
  tz: z.string().min(1).max(64).optional().describe('IANA time zone of the viewer (default UTC); days, weeks and months are local'),
  sl_seconds: z.coerce.number().int().min(1).max(3600).optional().describe('Y of service level X/Y (default 20)'),
  format: z.enum(['json', 'csv']).optional().describe('csv: one line per metric and row'),
});

export const drillQuery = metricsQuery.omit({ metrics: true, group_by: true, interval: true, format: true }).extend({
  metric: text(40).describe('one metric key'),
  channel: z.string().max(30).optional(),
  group_id: z.coerce.number().int().positive().optional(),
  agent_id: z.coerce.number().int().positive().optional(),
  category_id: z.coerce.number().int().positive().optional(),
  organization_id: z.coerce.number().int().positive().optional(),
  value_tier: z.string().max(40).optional(),
  only: z
    .enum(['numerator', 'rest', 'all'])
    .optional()
    .describe('numerator: the tickets that count for the rate (e.g. reopened, SLA met); rest: the others (e.g. SLA breached)'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const rowSchema = z.record(z.string(), z.unknown());
export const metricsResponse = z.object({
  from: z.string(),
  to: z.string(),
  time_zone: z.string(),
  interval: z.string().nullable(),
  group_by: z.array(z.string()),
  metrics: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      unit: z.string(),
      definition: z.string(),
      status: z.enum(['ok', 'partial', 'unavailable']),
      reason: z.string().optional(),
      rows: z.array(rowSchema),
    }),
  ),
});

export const definitionsResponse = z.object({
  data: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      unit: z.string(),
      definition: z.string(),
      source: z.string(),
      group_by: z.array(z.string()),
      available: z.boolean(),
      reason: z.string().optional(),
    }),
  ),
});

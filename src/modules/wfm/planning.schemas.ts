/** Request and response schemas of forecasts, requirements, schedules, time off and adherence. */
import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { forecastMethods } from './forecast-models.ts';

export const channelName = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'a channel name: lower-case letters, digits, _');
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real date');
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp');
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day, HH:MM (24:00 for the end of the day)');
const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone, e.g. Europe/Paris');

// ── Forecast ─────────────────────────────────────────────────────────────────────────────

export const forecastBody = z.strictObject({
  history_days: z.number().int().min(7).max(730).default(90).describe('days of ticket history to learn from, up to yesterday'),
  horizon_days: z.number().int().min(1).max(62).default(14).describe('days to forecast from today'),
  holdout_days: z.number().int().min(0).max(28).default(14).describe('last days of history held out to measure accuracy (0: none)'),
  method: z
    .enum(['auto', ...forecastMethods])
    .default('auto')
    .describe('auto: the method with the lowest hold-out WAPE, per channel'),
  channels: z.array(channelName).min(1).max(20).optional().describe('channels to forecast; default: every channel with history'),
  group_id: id.optional().describe('only tickets of this group (queue)'),
  holidays: z
    .array(z.strictObject({ date: dateOnly, factor: z.number().min(0).max(10).default(0) }))
    .max(400)
    .default([])
    .describe('days with abnormal volume: factor × a normal day (0 = closed), in history and forecast'),
  show_history_days: z.number().int().min(0).max(90).default(14),
  history_csv: z
    .string()
    .max(5_000_000)
    .optional()
    .describe('imported history instead of tickets: lines "interval_start,channel,volume" (ISO timestamp; a header line is allowed)'),
});
export type ForecastBody = z.output<typeof forecastBody>;

const accuracySchema = z.object({
  mape: z.number().nullable(),
  wape: z.number().nullable(),
  daily_wape: z.number().nullable(),
  bias: z.number().nullable(),
  rmse: z.number().nullable(),
});

export const channelForecastSchema = z.object({
  channel: z.string(),
  method: z.enum(forecastMethods),
  accuracy: z
    .record(z.string(), accuracySchema)
    .describe('hold-out accuracy of each method tried (MAPE over intervals with contacts, WAPE)'),
  history_total: z.number(),
  forecast_total: z.number(),
  history: z.array(z.object({ start: timestamp, volume: z.number() })),
  intervals: z.array(z.object({ start: timestamp, baseline: z.number(), volume: z.number(), adjusted: z.boolean() })),
  intraday: z
    .object({
      actual_so_far: z.number(),
      forecast_so_far: z.number(),
      factor: z.number(),
      intervals: z.array(z.object({ start: timestamp, actual: z.number().nullable(), forecast: z.number(), reforecast: z.number() })),
    })
    .nullable()
    .describe('today: actuals of the half hours already over, and the rest re-forecast by (actual + 10) / (forecast + 10) so far'),
});

export const forecastResult = z.object({
  history_from: timestamp,
  forecast_from: timestamp,
  interval_minutes: z.literal(30),
  adjustments: z.array(z.number().int()).describe('ids of the manual adjustments applied'),
  data: z.array(channelForecastSchema),
});

// ── Adjustments ──────────────────────────────────────────────────────────────────────────

export const adjustmentBody = z
  .strictObject({
    channel: channelName.nullable().default(null).describe('null: every channel'),
    starts_at: instant,
    ends_at: instant,
    kind: z.enum(['multiply', 'add', 'set']),
    value: z.number().min(0).max(1_000_000),
    note: z.string().max(500).nullable().default(null),
  })
  .refine((a) => Date.parse(a.ends_at) > Date.parse(a.starts_at), { message: 'ends_at must be after starts_at', path: ['ends_at'] });

export const adjustmentSchema = z.object({
  id: z.number().int(),
  channel: z.string().nullable(),
  starts_at: timestamp,
  ends_at: timestamp,
  kind: z.enum(['multiply', 'add', 'set']),
  value: z.number(),
  note: z.string().nullable(),
  created_by: z.number().int().nullable(),
  created_at: timestamp,
});

export const adjustmentQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

// ── Requirements ─────────────────────────────────────────────────────────────────────────

const ruleOverride = z.strictObject({
  model: z.enum(['erlang_c', 'erlang_a', 'workload']).optional(),
  aht_seconds: z.number().min(1).max(86_400).optional(),
  target_service_level: z.number().gt(0).lt(1).optional(),
  target_seconds: z.number().min(0).max(86_400).optional(),
  patience_seconds: z.number().gt(0).max(86_400).optional(),
  concurrency: z.number().int().min(1).max(10).optional(),
  max_occupancy: z.number().gt(0).max(1).optional(),
});

export const requirementsBody = z.strictObject({
  forecast: forecastBody.default(forecastBody.parse({})),
  rules: z.record(channelName, ruleOverride).default({}).describe('per channel: model, AHT, X/Y target, patience, chat concurrency'),
  shrinkage: z.number().min(0).lt(1).default(0.3),
});
export type RequirementsBody = z.output<typeof requirementsBody>;

const channelRequirementSchema = z.object({
  volume: z.number(),
  agents: z.number(),
  service_level: z.number().nullable(),
  asa_seconds: z.number().nullable(),
  occupancy: z.number(),
  abandonment: z.number().nullable(),
  fte: z.number(),
});

export const requirementsResult = z.object({
  shrinkage: z.number(),
  rules: z.array(
    z.object({
      channel: z.string(),
      model: z.enum(['erlang_c', 'erlang_a', 'workload']),
      aht_seconds: z.number(),
      target_service_level: z.number(),
      target_seconds: z.number(),
      patience_seconds: z.number().nullable(),
      concurrency: z.number(),
      max_occupancy: z.number().nullable(),
    }),
  ),
  data: z.array(
    z.object({
      start: timestamp,
      channels: z.record(z.string(), channelRequirementSchema),
      agents: z.number(),
      fte: z.number(),
      scheduled_agents: z.number().int(),
    }),
  ),
  summary: z.object({ agent_hours: z.number(), paid_hours: z.number(), peak_scheduled_agents: z.number().int() }),
});

// ── Schedules ────────────────────────────────────────────────────────────────────────────

export const shiftTemplateSchema = z
  .strictObject({
    name: z.string().min(1).max(40),
    length_minutes: z
      .number()
      .int()
      .min(60)
      .max(16 * 60)
      .multipleOf(30),
    earliest_start: timeOfDay,
    latest_start: timeOfDay,
    start_step_minutes: z.number().int().min(30).max(720).multipleOf(30).default(30),
    lunch: z
      .strictObject({
        minutes: z.number().int().min(30).max(120).multipleOf(30),
        earliest_after_minutes: z
          .number()
          .int()
          .min(30)
          .max(15 * 60)
          .multipleOf(30),
        latest_after_minutes: z
          .number()
          .int()
          .min(30)
          .max(15 * 60)
          .multipleOf(30),
      })
      .nullable()
      .default(null),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
  })
  .refine((t) => t.earliest_start <= t.latest_start, { message: 'latest_start is before earliest_start', path: ['latest_start'] })
  .refine(
    (t) =>
      !t.lunch ||
      (t.lunch.earliest_after_minutes <= t.lunch.latest_after_minutes && t.lunch.latest_after_minutes + t.lunch.minutes < t.length_minutes),
    {
      message: 'the lunch window must fit inside the shift',
      path: ['lunch'],
    },
  );

export const defaultTemplates = [
  {
    name: 'Full day',
    length_minutes: 540,
    earliest_start: '06:00',
    latest_start: '13:00',
    start_step_minutes: 30,
    lunch: { minutes: 60, earliest_after_minutes: 210, latest_after_minutes: 270 },
  },
  { name: 'Part time', length_minutes: 300, earliest_start: '07:00', latest_start: '16:00', start_step_minutes: 60, lunch: null },
];

const requirementSlotSchema = z.strictObject({ start: instant, channels: z.record(channelName, z.number().min(0).max(100_000)) });

export const scheduleBody = z.strictObject({
  name: z.string().min(1).max(120),
  start_date: dateOnly.describe('first day, in time_zone'),
  days: z.number().int().min(1).max(28).default(14),
  time_zone: timeZone.default('UTC'),
  templates: z.array(shiftTemplateSchema).min(1).max(10).default(defaultTemplates),
  user_ids: z
    .array(id)
    .min(1)
    .max(2000)
    .optional()
    .describe('agents to schedule; default: every active agent with a WFM profile, else every active associate and engineer'),
  requirement: z
    .array(requirementSlotSchema)
    .min(1)
    .max(28 * 48)
    .optional()
    .describe('heads needed per half hour and channel; default: from the forecast'),
  rules: z.record(channelName, ruleOverride).default({}),
  shrinkage: z.number().min(0).lt(1).default(0.3),
  forecast: forecastBody.omit({ horizon_days: true }).default(forecastBody.omit({ horizon_days: true }).parse({})),
  understaffing_cost_per_hour_cents: z.number().int().min(0).max(10_000_000).default(25_000),
  min_rest_hours: z.number().min(0).max(24).default(11),
  time_limit_seconds: z.number().min(1).max(120).default(30),
  mip_gap: z.number().min(0).max(0.5).default(0.005),
});
export type ScheduleBody = z.output<typeof scheduleBody>;

export const shiftSchema = z.object({
  id: z.number().int(),
  schedule_id: z.number().int(),
  user_id: z.number().int(),
  template: z.string(),
  starts_at: timestamp,
  ends_at: timestamp,
  lunch_starts_at: timestamp.nullable(),
  lunch_ends_at: timestamp.nullable(),
  paid_hours: z.number(),
});

export const scheduleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'published']),
  starts_at: timestamp,
  ends_at: timestamp,
  time_zone: z.string(),
  solver: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  created_by: z.number().int().nullable(),
  created_at: timestamp,
  published_at: timestamp.nullable(),
});

export const scheduleDetailSchema = scheduleSchema.extend({
  coverage: z.array(z.object({ start: timestamp, required: z.number(), scheduled: z.number(), under: z.number(), over: z.number() })),
});

export const shiftsQuery = z.strictObject({
  user_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(500).optional(),
});

export const periodQuery = z
  .strictObject({ from: instant, to: instant })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, {
    message: 'to must be after from, at most 62 days later',
    path: ['to'],
  });

// ── Agent profiles and time off ──────────────────────────────────────────────────────────

export const profileBody = z.strictObject({
  max_days_per_week: z.number().int().min(0).max(7).default(5),
  min_hours_per_week: z.number().min(0).max(80).default(0),
  max_hours_per_week: z.number().min(0).max(80).default(40),
  cost_per_hour_cents: z.number().int().min(0).max(1_000_000).default(2500),
  availability: z
    .array(z.strictObject({ weekday: z.number().int().min(0).max(6), from: timeOfDay, to: timeOfDay }))
    .max(50)
    .nullable()
    .default(null)
    .describe("windows in the agent's time zone; null: any time"),
  channels: z.array(channelName).max(20).nullable().default(null),
  templates: z.array(z.string().min(1).max(40)).max(10).nullable().default(null),
});

export const profileSchema = z.object({
  user_id: z.number().int(),
  name: z.string(),
  role: z.string(),
  time_zone: z.string(),
  max_days_per_week: z.number(),
  min_hours_per_week: z.number(),
  max_hours_per_week: z.number(),
  cost_per_hour_cents: z.number().int(),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })).nullable(),
  channels: z.array(z.string()).nullable(),
  templates: z.array(z.string()).nullable(),
  has_profile: z.boolean(),
});

export const timeOffBody = z
  .strictObject({ starts_at: instant, ends_at: instant, reason: z.string().max(500).default(''), user_id: id.optional() })
  .refine((t) => Date.parse(t.ends_at) > Date.parse(t.starts_at), { message: 'ends_at must be after starts_at', path: ['ends_at'] });

export const timeOffSchema = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  starts_at: timestamp,
  ends_at: timestamp,
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected', 'cancelled']),
  decided_by: z.number().int().nullable(),
  decided_at: timestamp.nullable(),
  created_at: timestamp,
});

export const timeOffDecisionBody = z.strictObject({ status: z.enum(['approved', 'rejected', 'cancelled']) });

export const timeOffQuery = z.strictObject({
  user_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  status: z.enum(['requested', 'approved', 'rejected', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

// ── Adherence ────────────────────────────────────────────────────────────────────────────

export const adherenceQuery = z
  .strictObject({ from: instant, to: instant, user_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, {
    message: 'to must be after from, at most 31 days later',
    path: ['to'],
  });

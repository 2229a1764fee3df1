import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { weekdays } from './business-hours.ts';
import {
  conditionsSchema,
  onReopenSchema,
  pausableStatuses,
  slaTargets,
  targetSchema,
  targetsSchema,
  warningThresholdsSchema,
} from './sla-policy.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time HH:MM (00:00–24:00)');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const range = z.strictObject({ start: time, end: time });
const name = z.string().trim().min(1).max(80);

export const weeklySchema = z
  .strictObject(
    Object.fromEntries(weekdays.map((d) => [d, z.array(range).max(12).optional()])) as Record<
      (typeof weekdays)[number],
      z.ZodOptional<z.ZodArray<typeof range>>
    >,
  )
  .describe('opening hours per weekday in local time; a day left out is closed');

export const calendarBody = z.strictObject({
  name,
  description: z.string().max(500).optional(),
  time_zone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin'),
  weekly: weeklySchema,
  holidays: z
    .array(z.strictObject({ date, name: z.string().max(80).optional() }))
    .max(500)
    .optional(),
  exceptions: z
    .array(z.strictObject({ date, name: z.string().max(80).optional(), hours: z.array(range).max(12).describe('empty: closed that day') }))
    .max(500)
    .optional(),
});
export type CalendarInput = z.infer<typeof calendarBody>;
export const calendarPatch = calendarBody.partial();
export type CalendarPatch = z.infer<typeof calendarPatch>;

export const calendarSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  time_zone: z.string(),
  weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.object({ date: z.string(), name: z.string().optional() })),
  exceptions: z.array(
    z.object({ date: z.string(), name: z.string().optional(), hours: z.array(z.object({ start: z.string(), end: z.string() })) }),
  ),
  used_by_policies: z.array(z.number()),
  updated_at: timestamp,
});

export const policyBody = z.strictObject({
  name,
  description: z.string().max(500).optional(),
  position: z.number().int().min(0).max(10_000).optional().describe('place in the order (0 = first); others move down; default last'),
  active: z.boolean().optional(),
  calendar_id: id,
  conditions: conditionsSchema.optional(),
  targets: targetsSchema,
  pause_statuses: z
    .array(z.enum(pausableStatuses))
    .max(2)
    .optional()
    .describe('statuses that pause next reply, periodic update and resolution'),
  on_reopen: onReopenSchema.optional(),
  warning_thresholds: warningThresholdsSchema.optional(),
});
export type PolicyInput = z.infer<typeof policyBody>;
export const policyPatch = policyBody.partial();
export type PolicyPatch = z.infer<typeof policyPatch>;

export const policySchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
  active: z.boolean(),
  calendar_id: z.number(),
  conditions: conditionsSchema,
  targets: z.array(targetSchema),
  pause_statuses: z.array(z.string()),
  on_reopen: z.string(),
  warning_thresholds: z.array(z.number()),
  updated_at: timestamp,
});

export const reorderBody = z.strictObject({ ids: z.array(id).min(1).max(1000).describe('every policy id, in the new order') });

export const recomputeSchema = z.object({ tickets: z.number(), clocks: z.number(), ms: z.number() });

const clockStatus = z.enum(['running', 'paused', 'met', 'met_late', 'breached', 'cancelled']);
export const clockSchema = z.object({
  target: z.enum(slaTargets),
  status: clockStatus,
  cycle: z.number(),
  policy_id: z.number(),
  target_minutes: z.number(),
  business_hours: z.boolean(),
  started_at: timestamp,
  due_at: timestamp.nullable().describe('deadline while the clock runs; null while paused or stopped'),
  due_in_ms: z.number().nullable().describe('wall-clock time until due_at (negative when overdue)'),
  remaining_ms: z.number().describe('target minus the business (or calendar) time counted; negative once late'),
  elapsed_ms: z.number(),
  paused_ms: z.number(),
  breached_at: timestamp.nullable(),
  met_at: timestamp.nullable(),
  stopped_at: timestamp.nullable(),
  warning_at: timestamp.nullable().describe('the next warning, while running'),
  cycles_met: z.number(),
  cycles_breached: z.number(),
  breach_notified_at: timestamp.nullable(),
});
export const ticketSlaSchema = z.object({
  ticket_id: z.number(),
  policy: z.object({ id: z.number(), name: z.string() }).nullable().describe('the policy that applies to the ticket now'),
  clocks: z.array(clockSchema),
  computed_at: timestamp,
});

export const atRiskQuery = z.object({
  within_minutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const atRiskSchema = z.object({
  data: z.array(
    z.object({
      ticket_id: z.number(),
      subject: z.string(),
      priority: z.string(),
      assignee_id: z.number().nullable(),
      group_id: z.number().nullable(),
      target: z.string(),
      due_at: timestamp,
      due_in_ms: z.number(),
      overdue: z.boolean(),
    }),
  ),
});

const targetView = z.object({ minutes: z.number(), business_hours: z.boolean(), calendar_id: z.number() }).nullable();
export const organizationSlaSchema = z.object({
  organization: z.object({ id: z.number(), name: z.string(), value_tier: z.string() }),
  rows: z.array(
    z.object({
      channel: z.string(),
      priority: z.string(),
      policy: z.object({ id: z.number(), name: z.string() }).nullable(),
      targets: z.object({ first_response: targetView, next_reply: targetView, periodic_update: targetView, resolution: targetView }),
    }),
  ),
  calendars: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      time_zone: z.string(),
      weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
      holidays: z.array(z.object({ date: z.string(), name: z.string().optional() })),
    }),
  ),
  category_specific_policies: z
    .array(z.object({ id: z.number(), name: z.string() }))
    .describe('policies that apply only to some categories, not shown in the rows'),
  pause_statuses: z.array(z.string()),
});

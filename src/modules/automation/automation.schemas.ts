import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { actionSchema, actionsSchema, conditionsSchema } from './rules.ts';

const name = z.string().trim().min(1).max(80);
const description = z.string().max(500);
const position = z.number().int().min(0).max(10_000).describe('0 = first; default last');

// ── Triggers ────────────────────────────────────────────────────────────────

export const triggerBody = z.strictObject({
  name,
  description: description.optional(),
  active: z.boolean().optional(),
  position: position.optional(),
  conditions: conditionsSchema,
  actions: actionsSchema,
});
export type TriggerInput = z.infer<typeof triggerBody>;

export const triggerPatch = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  active: z.boolean().optional(),
  position: position.optional(),
  conditions: conditionsSchema.optional(),
  actions: actionsSchema.optional(),
});
export type TriggerPatch = z.infer<typeof triggerPatch>;

export const triggerSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  position: z.number(),
  conditions: conditionsSchema,
  actions: z.array(actionSchema),
  created_at: timestamp,
  updated_at: timestamp,
});

export const reorderBody = z.strictObject({ ids: z.array(id).min(1).max(1_000).describe('every id, in the new order') });

// ── Time-based automations ──────────────────────────────────────────────────

export const timeConditionSchema = z
  .strictObject({
    since: z.enum(['created', 'updated', 'status_changed', 'solved']).describe('the instant the time counts from'),
    hours: z.number().positive().max(8_760),
    business_hours: z.boolean().default(false).describe("count only the calendar's open hours"),
    calendar_id: id.optional().describe('with business_hours: the business-hours calendar (default: the first one)'),
  })
  .describe('e.g. { since: "status_changed", hours: 72, business_hours: true } with a status condition: pending for 72 business hours');
export type TimeCondition = z.infer<typeof timeConditionSchema>;

export const automationBody = z.strictObject({
  name,
  description: description.optional(),
  active: z.boolean().optional(),
  position: position.optional(),
  time_condition: timeConditionSchema,
  conditions: conditionsSchema.default({ all: [], any: [] }),
  actions: actionsSchema,
});
export type AutomationInput = z.infer<typeof automationBody>;

export const automationPatch = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  active: z.boolean().optional(),
  position: position.optional(),
  time_condition: timeConditionSchema.optional(),
  conditions: conditionsSchema.optional(),
  actions: actionsSchema.optional(),
});
export type AutomationPatch = z.infer<typeof automationPatch>;

export const automationSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  position: z.number(),
  time_condition: timeConditionSchema,
  conditions: conditionsSchema,
  actions: z.array(actionSchema),
  created_at: timestamp,
  updated_at: timestamp,
});

export const scanResultSchema = z.object({ automations: z.number(), candidates: z.number(), ran: z.number() });

// ── Macros ──────────────────────────────────────────────────────────────────

const reply = z
  .strictObject({
    body: z.string().trim().min(1).max(65_536).describe('template: {{requester.first_name}}, {{ticket.id}}, {{agent.name}}…'),
    public: z.boolean().default(true),
  })
  .nullable();

export const macroBody = z.strictObject({
  name,
  description: description.optional(),
  active: z.boolean().optional(),
  actions: z.array(actionSchema).max(30).default([]),
  reply: reply.optional(),
});
export type MacroInput = z.infer<typeof macroBody>;

export const macroPatch = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  active: z.boolean().optional(),
  actions: z.array(actionSchema).max(30).optional(),
  reply: reply.optional(),
});
export type MacroPatch = z.infer<typeof macroPatch>;

export const macroSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  actions: z.array(actionSchema),
  reply: z.object({ body: z.string(), public: z.boolean() }).nullable(),
  usage_count: z.number(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const macroListQuery = z.strictObject({
  include_inactive: z.enum(['true', 'false']).optional(),
});

export const macroApplyParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  macro_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
});

export const macroApplyBody = z
  .strictObject({
    version: z.number().int().positive().optional().describe('the ticket version you read; a stale one answers 409'),
    reply_body: z
      .string()
      .trim()
      .min(1)
      .max(65_536)
      .optional()
      .describe("the reply as the agent edited it (default: the macro's, rendered)"),
  })
  .default({});

export const macroPreviewSchema = z.object({
  macro_id: id,
  ticket_id: id,
  changes: z.record(z.string(), z.unknown()),
  reply: z.object({ body: z.string(), public: z.boolean() }).nullable(),
});

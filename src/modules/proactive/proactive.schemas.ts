import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { segmentRulesSchema } from './segment-rules.ts';

export const segmentBody = z.strictObject({ name: z.string().trim().min(1).max(200), rules: segmentRulesSchema });
export const segmentPatch = segmentBody.partial();
export type SegmentInput = z.infer<typeof segmentBody>;

export const segmentSchema = z.object({
  id,
  name: z.string(),
  rules: segmentRulesSchema,
  created_at: timestamp,
  updated_at: timestamp,
});

export const profileSchema = z.object({
  customer_id: id,
  name: z.string().nullable(),
  language: z.string().nullable(),
  time_zone: z.string().nullable(),
  value_tier: z.string().nullable(),
  lifetime_value_cents: z.number().nullable(),
  organization_name: z.string().nullable(),
  organization_value_tier: z.string().nullable(),
  open_balance_cents: z.number().nullable(),
  risk_score: z.number().nullable(),
  contacts_last_30_days: z.number().nullable(),
  csat: z.number().nullable(),
});

export const previewSchema = z.object({ count: z.number().int(), data: z.array(profileSchema) });

export const accountBody = z.strictObject({
  open_balance_cents: z.number().int().min(0).max(1e13).optional(),
  risk_score: z.number().int().min(0).max(100).optional(),
});
export const accountImportBody = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        customer_id: id,
        open_balance_cents: z.number().int().min(0).max(1e13),
        risk_score: z.number().int().min(0).max(100),
      }),
    )
    .min(1)
    .max(10_000),
});
export const accountSchema = z.object({ customer_id: id, open_balance_cents: z.number(), risk_score: z.number(), updated_at: timestamp });

export const customerIdParam = z.object({ customer_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const doNotContactBody = z.strictObject({ reason: z.string().max(500).default('') });

export const campaignChannels = ['phone', 'email', 'messaging'] as const;
export const campaignBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    segment_id: id,
    channel: z.enum(campaignChannels),
    message: z.string().max(10_000).default(''),
    window_start_hour: z.number().int().min(0).max(23).default(9),
    window_end_hour: z.number().int().min(1).max(24).default(18),
    weekdays_only: z.boolean().default(true),
    max_contacts: z.number().int().min(1).max(100).default(1),
    cap_days: z.number().int().min(1).max(365).default(7),
  })
  .refine((body) => body.window_start_hour < body.window_end_hour, {
    path: ['window_end_hour'],
    message: 'The window must end after it starts.',
  });
export type CampaignInput = z.infer<typeof campaignBody>;

export const campaignSchema = z.object({
  id,
  name: z.string(),
  segment_id: id.nullable(),
  channel: z.string(),
  status: z.string(),
  message: z.string(),
  window_start_hour: z.number(),
  window_end_hour: z.number(),
  weekdays_only: z.boolean(),
  max_contacts: z.number(),
  cap_days: z.number(),
  problem_id: id.nullable(),
  created_at: timestamp,
});

export const entrySchema = z.object({
  id,
  campaign_id: id,
  customer_id: id,
  customer_name: z.string(),
  time_zone: z.string().nullable(),
  position: z.number(),
  status: z.string(),
  assigned_user_id: id.nullable(),
  callback_at: timestamp.nullable(),
  attempts: z.number(),
  last_outcome: z.string().nullable(),
  open_balance_cents: z.number(),
  risk_score: z.number(),
});

export const nextCustomerSchema = z.object({
  entry: entrySchema.nullable(),
  contact_methods: z.array(z.object({ kind: z.string(), value: z.string(), is_primary: z.boolean() })),
  skipped: z.record(z.string(), z.number()),
});

export const callOutcomes = ['reached', 'no_answer', 'voicemail', 'wrong_number', 'callback', 'refused'] as const;
export const outcomeBody = z
  .strictObject({
    outcome: z.enum(callOutcomes),
    method: z.enum(['phone', 'email', 'messaging']).default('phone'),
    contact_value: z.string().max(320).default(''),
    note: z.string().max(10_000).default(''),
    callback_at: timestamp.optional(),
    ticket_subject: z.string().trim().min(1).max(300).optional(),
  })
  .refine((body) => body.outcome !== 'callback' || body.callback_at !== undefined, {
    path: ['callback_at'],
    message: 'A call-back needs the time to call back.',
  });

export const attemptSchema = z.object({
  id,
  campaign_id: id.nullable(),
  customer_id: id,
  user_id: id.nullable(),
  method: z.string(),
  contact_value: z.string(),
  outcome: z.string(),
  note: z.string(),
  callback_at: timestamp.nullable(),
  ticket_id: id.nullable(),
  created_at: timestamp,
});

export const sendResultSchema = z.object({ sent: z.number().int(), skipped: z.record(z.string(), z.number()) });

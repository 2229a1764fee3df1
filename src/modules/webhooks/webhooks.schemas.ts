import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { webhookEventTypes } from './webhook-delivery.ts';

const url = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2_000)
  .describe('where deliveries are POSTed');
const eventTypes = z
  .array(z.enum(webhookEventTypes))
  .min(1)
  .max(webhookEventTypes.length)
  .transform((types) => [...new Set(types)]);

export const subscriptionBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  url,
  event_types: eventTypes,
  disable_after_failures: z.number().int().min(1).max(1_000).optional().describe('consecutive failed attempts before it is disabled (10)'),
});
export type SubscriptionInput = z.infer<typeof subscriptionBody>;

export const subscriptionPatch = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  url: url.optional(),
  event_types: eventTypes.optional(),
  disable_after_failures: z.number().int().min(1).max(1_000).optional(),
  active: z.literal(false).optional().describe('false pauses it; POST …/enable turns it back on'),
});
export type SubscriptionPatch = z.infer<typeof subscriptionPatch>;

export const subscriptionSchema = z.object({
  id,
  name: z.string(),
  url: z.string(),
  event_types: z.array(z.string()),
  active: z.boolean(),
  disabled_at: timestamp.nullable(),
  disabled_reason: z.string().nullable(),
  consecutive_failures: z.number(),
  disable_after_failures: z.number(),
  last_success_at: timestamp.nullable(),
  last_failure_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const createdSubscriptionSchema = subscriptionSchema.extend({
  secret: z.string().describe('the signing secret: shown only now'),
});

export const deliverySchema = z.object({
  id,
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(),
  response_status: z.number().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  delivered_at: timestamp.nullable(),
  payload: z.unknown(),
  attempt_log: z.array(
    z.object({
      attempt: z.number(),
      started_at: timestamp,
      duration_ms: z.number(),
      response_status: z.number().nullable(),
      error: z.string().nullable(),
    }),
  ),
});

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const deliveryParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
  delivery_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number),
});

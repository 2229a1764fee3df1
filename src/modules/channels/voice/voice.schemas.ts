import { z } from 'zod';
import { id, timestamp } from '../../../platform/schemas.ts';

export const callEvents = [
  'ringing',
  'answered',
  'held',
  'resumed',
  'transferred',
  'ended',
  'abandoned',
  'voicemail',
  'wrapped_up',
] as const;

const phone = z.string().trim().min(1).max(40);

export const callEventBody = z.strictObject({
  call_id: z.string().trim().min(1).max(200).describe("the provider's id of the call; every event of one call carries the same"),
  event: z.enum(callEvents),
  from: phone.describe('caller number, E.164 preferred'),
  to: phone.describe('the number called'),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  agent_id: id.nullable().optional().describe('the agent who answered, or to whom the call was transferred'),
  occurred_at: z.iso.datetime({ offset: true }).optional().describe('when it happened; defaults to now'),
  recording_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  transcript: z.string().max(50_000).optional(),
  outcome: z.string().trim().min(1).max(60).optional().describe('ended: e.g. resolved, callback, escalated'),
  wrap_up_seconds: z.number().int().min(0).max(86_400).optional(),
});
export type CallEventInput = z.infer<typeof callEventBody>;

export const callSchema = z.object({
  id,
  call_id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  from_number: z.string(),
  to_number: z.string(),
  customer_id: z.number().nullable(),
  agent_id: z.number().nullable(),
  ticket_id: z.number().nullable(),
  status: z.string(),
  queue_wait_seconds: z.number().nullable(),
  talk_seconds: z.number().nullable(),
  hold_seconds: z.number(),
  wrap_up_seconds: z.number().nullable(),
  outcome: z.string().nullable(),
  recording_url: z.string().nullable(),
  ringing_at: timestamp,
  answered_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});

export const screenPopSchema = z.object({
  phone: z.string(),
  customer: z
    .object({
      id,
      name: z.string(),
      value_tier: z.string(),
      lifetime_value_cents: z.number(),
      language: z.string(),
      time_zone: z.string().nullable(),
    })
    .nullable(),
  organization: z.object({ id, name: z.string(), value_tier: z.string() }).nullable(),
  value_tier: z.string().nullable().describe("the customer's tier, or their organization's when higher"),
  open_tickets: z.array(
    z.object({ id, subject: z.string(), status: z.string(), priority: z.string(), channel: z.string(), updated_at: timestamp }),
  ),
  last_contacts: z.array(z.object({ kind: z.enum(['ticket', 'call']), id, channel: z.string(), summary: z.string(), at: timestamp })),
});
export type ScreenPop = z.infer<typeof screenPopSchema>;

export const screenPopQuery = z.object({ phone });

export const callEventResponse = z.object({ call: callSchema, screen_pop: screenPopSchema.optional() });

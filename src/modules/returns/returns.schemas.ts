import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';
import { claimKinds, claimStatuses } from './claim-rules.ts';

const claimFields = {
  order_reference: z.string().trim().max(100).default(''),
  item: z.string().trim().max(300).default(''),
  serial_number: z.string().trim().max(100).default(''),
  purchase_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
    .nullable()
    .default(null),
  reason: z.string().trim().max(5000).default(''),
  photos: z.array(z.string().trim().min(1).max(2000)).max(10).default([]),
};

export const myClaimBody = z.strictObject({ kind: z.enum(claimKinds), ...claimFields });
export const agentClaimBody = myClaimBody.extend({ customer_id: id });
export type ClaimBody = z.infer<typeof myClaimBody>;

export const correctionBody = z.strictObject({
  order_reference: z.string().trim().max(100).optional(),
  item: z.string().trim().max(300).optional(),
  serial_number: z.string().trim().max(100).optional(),
  purchase_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
    .nullable()
    .optional(),
  reason: z.string().trim().max(5000).optional(),
  photos: z.array(z.string().trim().min(1).max(2000)).max(10).optional(),
});
export type CorrectionBody = z.infer<typeof correctionBody>;

export const transitionBody = z
  .strictObject({
    to: z.enum(['approved', 'rejected', 'label_issued', 'received', 'inspected', 'refunded', 'replaced']),
    reason: z.string().trim().max(2000).optional(),
    tracking_number: z.string().trim().max(100).optional(),
  })
  .refine((body) => body.to !== 'rejected' || !!body.reason, {
    path: ['reason'],
    message: 'A rejection needs a reason the customer can read.',
  });
export type TransitionBody = z.infer<typeof transitionBody>;

export const warehouseEventBody = z.strictObject({
  claim_id: id,
  event: z.enum(['label_issued', 'received', 'inspected']),
  tracking_number: z.string().trim().max(100).optional(),
  note: z.string().max(2000).optional(),
});

const reasonSchema = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });
export const claimSchema = z.object({
  id,
  kind: z.enum(claimKinds),
  customer_id: id,
  customer_name: z.string(),
  order_reference: z.string(),
  item: z.string(),
  serial_number: z.string(),
  purchase_date: z.string().nullable(),
  reason: z.string(),
  photos: z.array(z.string()),
  status: z.enum(claimStatuses),
  rejection_reasons: z.array(reasonSchema),
  tracking_number: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  events: z.array(z.object({ from_status: z.string().nullable(), to_status: z.string(), actor: z.string(), at: timestamp })),
});

export const listClaimsQuery = z.object({
  status: z.enum(claimStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const analyticsQuery = z.object({ from: z.iso.date(), to: z.iso.date() });
export const analyticsSchema = z.object({
  claims: z.number(),
  closed: z.number(),
  rejected: z.number(),
  rejection_rate: z.number().nullable(),
  mean_cycle_hours: z.number().nullable(),
  rejection_reasons: z.array(z.object({ code: z.string(), count: z.number() })),
  claim_reasons: z.array(z.object({ reason: z.string(), count: z.number() })),
});

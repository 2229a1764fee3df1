import { z } from 'zod';
import { id } from '../../platform/schemas.ts';

export const eraseBody = z.strictObject({ confirm: z.literal(true).describe('Must be true: erasure cannot be undone.') });

export const erasureSchema = z.object({
  reference: z.string(),
  customers: z.number(),
  tickets: z.number(),
  attachments_removed: z.number(),
  raw_emails_cleared: z.number(),
  columns_swept: z.array(z.string()),
});

export const policyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  channel: z.string().trim().min(1).max(50).nullable().optional(),
  organization_id: id.nullable().optional(),
  action: z.enum(['delete', 'anonymise']),
  after_days: z.number().int().min(1).max(36_500),
  active: z.boolean().optional(),
});

export const policySchema = z.object({
  id: z.number(),
  name: z.string(),
  channel: z.string().nullable(),
  organization_id: z.number().nullable(),
  action: z.enum(['delete', 'anonymise']),
  after_days: z.number(),
  active: z.boolean(),
  created_at: z.string(),
});

export const holdBody = z.strictObject({
  customer_id: id.optional(),
  organization_id: id.optional(),
  ticket_id: id.optional(),
  reason: z.string().trim().min(1).max(1000),
});

export const holdSchema = z.object({
  id: z.number(),
  customer_id: z.number().nullable(),
  organization_id: z.number().nullable(),
  ticket_id: z.number().nullable(),
  reason: z.string(),
  created_at: z.string(),
  released_at: z.string().nullable(),
});

export const runSchema = z.object({
  id: z.number(),
  started_at: z.string(),
  finished_at: z.string(),
  tickets_deleted: z.number(),
  tickets_anonymised: z.number(),
  tickets_held: z.number(),
  report: z.record(z.string(), z.unknown()),
});

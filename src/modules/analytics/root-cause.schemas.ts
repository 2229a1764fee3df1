import { z } from 'zod';
import { id, timestamp } from '../../platform/schemas.ts';

const rangeFields = {
  from: z.string().min(1).max(40).optional().describe('a date (YYYY-MM-DD) or an ISO instant; default 30 days before to'),
  to: z.string().min(1).max(40).optional().describe('a date (YYYY-MM-DD, included) or an ISO instant; default now'),
  tz: z.string().min(1).max(64).optional().describe('IANA time zone for dates (default UTC)'),
};

export const driversQuery = z.strictObject({
  ...rangeFields,
  by: z.enum(['category', 'resolution_code', 'tag']).optional().describe('what a driver is (default category)'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export const problemQuery = z.strictObject(rangeFields);
export const problemListQuery = z.strictObject({
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['open', 'fixing', 'resolved', 'closed']).optional(),
});

const problemFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  status: z.enum(['open', 'fixing', 'resolved', 'closed']).optional(),
  category_id: id.nullable().optional().describe('tickets in this category (or a sub-category) belong to the problem'),
  tag: z.string().trim().min(1).max(100).nullable().optional().describe('tickets with this tag belong to the problem'),
  resolution_code: z.string().min(1).max(100).nullable().optional().describe('tickets solved with this code belong to the problem'),
  owner_user_id: id.nullable().optional(),
  fix_description: z.string().max(5000).optional(),
  fix_started_at: z.iso.datetime({ offset: true }).nullable().optional().describe('when the remediation pilot started'),
  fix_cost_cents: z.number().int().min(0).max(1_000_000_000_00).nullable().optional(),
  window_days: z.number().int().min(30).max(90).optional().describe('the pilot window before and after the fix (30–90 days)'),
};
export const problemBody = z.strictObject(problemFields);
export const problemPatch = z.strictObject(problemFields).partial();
export const linkBody = z.strictObject({ ticket_ids: z.array(id).min(1).max(1000) });
export const problemTicketParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number),
  ticket_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number),
});

export const problemSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  category_id: z.number().nullable(),
  tag: z.string().nullable(),
  resolution_code: z.string().nullable(),
  owner_user_id: z.number().nullable(),
  fix_description: z.string(),
  fix_started_at: timestamp.nullable(),
  fix_cost_cents: z.number().nullable(),
  window_days: z.number(),
  created_at: timestamp,
  updated_at: timestamp,
});
export const problemDetailSchema = problemSchema.extend({
  currency: z.string(),
  figures: z.record(z.string(), z.unknown()),
  pilot: z.record(z.string(), z.unknown()).nullable(),
});
export const driversResponse = z.object({
  from: timestamp,
  to: timestamp,
  by: z.string(),
  currency: z.string(),
  total_contacts: z.number(),
  missing: z.string().optional(),
  data: z.array(
    z.object({
      driver: z.union([z.number(), z.string()]).nullable(),
      label: z.string(),
      contacts: z.number(),
      share: z.number(),
      aht_seconds: z.number().nullable(),
      cost_cents: z.number().nullable(),
      monthly_cost_cents: z.number().nullable(),
      previous_contacts: z.number(),
      trend: z.number().nullable(),
    }),
  ),
});

import { z } from 'zod';
import { id } from '../../platform/schemas.ts';

export const identityKind = z.enum(['email', 'phone', 'chat', 'social']);

export const identityInput = z.strictObject({
  kind: identityKind,
  value: z.string().trim().min(1).max(254),
  is_primary: z.boolean().optional(),
  verified: z.boolean().optional(),
});

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('amount in cents');

export const createCustomerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organization_id: id.nullable().optional(),
  identities: z.array(identityInput).max(50).default([]),
  language: z.string().trim().min(2).max(16).optional(),
  time_zone: z.string().max(64).nullable().optional(),
  notes: z.string().max(10_000).optional(),
  lifetime_value_cents: money.optional(),
  value_tier: z.string().trim().min(1).max(40).optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = createCustomerBody.omit({ identities: true }).partial();
export type UpdateCustomerInput = z.infer<typeof updateCustomerBody>;

export const identitySchema = z.object({
  id,
  kind: identityKind,
  value: z.string(),
  is_primary: z.boolean(),
  verified: z.boolean(),
});

export const customerSchema = z.object({
  id,
  name: z.string(),
  organization_id: z.number().nullable(),
  identities: z.array(identitySchema),
  language: z.string(),
  time_zone: z.string().nullable(),
  notes: z.string(),
  lifetime_value_cents: z.number(),
  value_tier: z.string(),
  merged_into_id: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CustomerView = z.infer<typeof customerSchema>;

export const listCustomersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  identity: z.string().max(254).optional().describe('find by any identity: email, phone, chat id or handle'),
  q: z.string().max(200).optional().describe('name contains'),
  organization_id: z.coerce.number().int().positive().optional(),
});

export const mergeCustomerBody = z.strictObject({
  source_id: id.describe('the customer merged into this one; its identities and tickets move here'),
});

export const createOrganizationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  domains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain such as example.com'),
    )
    .max(50)
    .optional(),
  notes: z.string().max(10_000).optional(),
  lifetime_value_cents: money.optional(),
  value_tier: z.string().trim().min(1).max(40).optional(),
  account_owner_id: id.nullable().optional(),
});
export const updateOrganizationBody = createOrganizationBody.partial();
export type CreateOrganizationInput = z.infer<typeof createOrganizationBody>;
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationBody>;

export const organizationSchema = z.object({
  id,
  name: z.string(),
  domains: z.array(z.string()),
  notes: z.string(),
  lifetime_value_cents: z.number(),
  value_tier: z.string(),
  account_owner_id: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type OrganizationView = z.infer<typeof organizationSchema>;

export const requesterInput = z
  .strictObject({
    email: z.string().trim().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((r) => r.email || r.phone || r.name, 'give at least one of email, phone or name');
export type RequesterInput = z.infer<typeof requesterInput>;

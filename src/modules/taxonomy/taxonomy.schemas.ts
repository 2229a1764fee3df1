import { z } from 'zod';
import { id } from '../../platform/schemas.ts';

export const createCategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parent_id: id.nullable().optional(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
    .max(60)
    .optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const updateCategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const categorySchema = z.object({
  id,
  parent_id: z.number().nullable(),
  name: z.string(),
  slug: z.string(),
  path: z.string(),
  active: z.boolean(),
  position: z.number(),
});
export type CategoryView = z.infer<typeof categorySchema>;

export const customFieldType = z.enum(['text', 'number', 'dropdown', 'date', 'checkbox']);

export const createCustomFieldBody = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores, starting with a letter')
      .max(60),
    label: z.string().trim().min(1).max(100),
    type: customFieldType,
    options: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
    required: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((f) => f.type !== 'dropdown' || (f.options?.length ?? 0) > 0, { message: 'a dropdown needs options', path: ['options'] });

export const updateCustomFieldBody = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  options: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
  required: z.boolean().optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const customFieldSchema = z.object({
  id,
  key: z.string(),
  label: z.string(),
  type: customFieldType,
  options: z.array(z.string()),
  required: z.boolean(),
  active: z.boolean(),
  position: z.number(),
});
export type CustomFieldView = z.infer<typeof customFieldSchema>;

export const resolutionCodeSchema = z.object({ code: z.string(), label: z.string(), active: z.boolean() });
export const createResolutionCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]*$/)
    .max(60),
  label: z.string().trim().min(1).max(100),
  active: z.boolean().optional(),
});

export const ticketSettingsSchema = z.object({
  resolution_code_required: z.boolean(),
});
export const updateTicketSettingsBody = z.strictObject({ resolution_code_required: z.boolean().optional() });
export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

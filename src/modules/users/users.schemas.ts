import { z } from 'zod';
import { roles } from '../../platform/permissions.ts';
import { id } from '../../platform/schemas.ts';

export const roleSchema = z.enum(roles);

const skillInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  proficiency: z.number().int().min(1).max(5).default(3),
});

const languageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language code such as en or pt-BR');

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: z.string().min(12, 'at least 12 characters').max(200).optional(),
  tier: z.number().int().min(1).max(3).nullable().optional(),
  languages: z.array(languageCode).max(20).optional(),
  time_zone: z.string().max(64).optional(),
  skills: z.array(skillInput).max(100).optional(),
  group_ids: z.array(id).max(100).optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = createUserBody
  .omit({ email: true })
  .partial()
  .extend({ email: z.email().max(254).optional(), active: z.boolean().optional() });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const userSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  tier: z.number().nullable(),
  languages: z.array(z.string()),
  time_zone: z.string(),
  active: z.boolean(),
  customer_id: z.number().nullable(),
  skills: z.array(z.object({ name: z.string(), proficiency: z.number() })),
  group_ids: z.array(z.number()),
  last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserView = z.infer<typeof userSchema>;

export const listUsersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
  role: roleSchema.optional(),
  agents: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
});

export const createGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
  tier: z.number().int().min(1).max(3).nullable().optional(),
  member_ids: z.array(id).max(2000).optional(),
});
export const updateGroupBody = createGroupBody.partial();
export type CreateGroupInput = z.infer<typeof createGroupBody>;
export type UpdateGroupInput = z.infer<typeof updateGroupBody>;

export const groupSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  tier: z.number().nullable(),
  member_ids: z.array(z.number()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type GroupView = z.infer<typeof groupSchema>;

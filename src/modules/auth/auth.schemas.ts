import { z } from 'zod';
import { id } from '../../platform/schemas.ts';
import { userSchema } from '../users/index.ts';

export const signInBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const sessionSchema = z.object({
  user: userSchema,
  csrf_token: z.string().describe('send as the x-csrf-token header on POST, PATCH, PUT and DELETE'),
  expires_at: z.string(),
});

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  user_id: id.optional().describe('admins may create a token for another user; defaults to yourself'),
});

export const tokenSchema = z.object({
  id,
  user_id: z.number(),
  name: z.string(),
  prefix: z.string().describe('the first characters of the token, to recognise it'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe('shown once; store it now'),
});

export const listTokensQuery = z.object({
  user_id: z.coerce.number().int().positive().optional(),
});

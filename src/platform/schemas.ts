import { z } from 'zod';

/** Shared request pieces. Ids are positive integers; anything else is a 400, never a database error. */
/** A path id written as a plain positive integer ("1000"); "0x3e8", "1e3" or " 1000" are 400s. */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
  .transform(Number)
  .refine((n) => n <= Number.MAX_SAFE_INTEGER, 'too large');
export const idParam = z.object({ id: pathId });
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const timestamp = z.string().describe('ISO 8601 timestamp');

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string().optional(), message: z.string() }).loose()).optional(),
  })
  .describe('RFC 9457 problem details');

export const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

import { randomBytes } from 'node:crypto';
import type { Context } from '../platform/context.ts';
import { systemActor } from '../platform/context.ts';
import { createUser } from '../modules/users/index.ts';

export const FIRST_ADMIN_EMAIL = 'admin@example.com';

/**
 * When no active admin exists (a fresh install, or one that only has demo agents), creates one with
 * a random password and returns the credentials to print.
 */
export async function ensureFirstAdmin(ctx: Context): Promise<{ email: string; password: string } | undefined> {
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (admin) return undefined;
  const taken = await ctx.db.selectFrom('users').select('id').where('email', '=', FIRST_ADMIN_EMAIL).executeTakeFirst();
  if (taken) return undefined;
  const password = randomBytes(12).toString('base64url');
  await createUser(ctx, systemActor, { email: FIRST_ADMIN_EMAIL, name: 'Administrator', role: 'admin', password, tier: 3 });
  return { email: FIRST_ADMIN_EMAIL, password };
}

import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { createUser, findUserByEmail, getUser } from '../users/index.ts';
import { openSession, type SignedIn } from './auth.service.ts';

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/** A customer creates their portal account. Throws email_taken, validation_failed. */
export async function signUp(
  ctx: Context,
  input: { name: string; email: string; password: string },
  meta: { ip?: string; userAgent?: string },
): Promise<SignedIn> {
  const user = await createUser(ctx, systemActor, { email: input.email, name: input.name, role: 'customer', password: input.password });
  return openSession(ctx, user.id, meta);
}

/**
 * Emails a one-time sign-in link to a customer. People who wrote to support but never signed up
 * get an account on the way. Says nothing about whether the address is known, so it cannot be
 * used to find out who is a customer.
 */
export async function sendSignInLink(ctx: Context, email: string): Promise<void> {
  const now = ctx.clock.now();
  let user = await findUserByEmail(ctx.db, email);
  if (user && user.role !== 'customer') return; // agents sign in with their password (and later SSO)
  if (!user) {
    const known = await ctx.db
      .selectFrom('customer_identities as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .select(['c.name', 'i.value as email'])
      .where('i.kind', '=', 'email')
      .where('i.value', '=', email.toLowerCase())
      .executeTakeFirst();
    if (!known) return;
    const created = await createUser(ctx, systemActor, { email: known.email, name: known.name, role: 'customer' });
    user = await findUserByEmail(ctx.db, created.email);
  }
  if (!user?.active) return;
  const secret = newSecret('fls');
  await ctx.db
    .insertInto('sign_in_links')
    .values({
      user_id: user.id,
      token_hash: hashSecret(secret),
      created_at: now,
      expires_at: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
    })
    .execute();
  const link = `${ctx.config.publicUrl}/portal/sign-in?token=${encodeURIComponent(secret)}`;
  await ctx.mailer.send({
    to: user.email,
    subject: 'Your sign-in link',
    text: `Hello ${user.name},\n\nUse this link within 15 minutes to sign in to your support requests:\n\n${link}\n\nIf you did not ask for it, you can ignore this email.\n`,
  });
}

/** Trades a sign-in link for a session; each link works once. Throws unauthenticated. */
export async function redeemSignInLink(ctx: Context, secret: string, meta: { ip?: string; userAgent?: string }): Promise<SignedIn> {
  const now = ctx.clock.now();
  const link = await ctx.db
    .updateTable('sign_in_links')
    .set({ used_at: now })
    .where('token_hash', '=', hashSecret(secret))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (!link) throw new AppError('unauthenticated', 'This sign-in link has expired or was already used; ask for a new one.');
  await ctx.db.deleteFrom('sign_in_links').where('expires_at', '<', sql<Date>`${now}::timestamptz - interval '1 day'`).execute();
  const user = await getUser(ctx, link.user_id);
  if (!user.active) throw new AppError('unauthenticated', 'This account is deactivated.');
  return openSession(ctx, link.user_id, meta);
}

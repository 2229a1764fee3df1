import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { hashSecret, newSecret, verifyPassword } from '../../platform/secrets.ts';
import { findUserByEmail, findUserById, getUser, type UserView } from '../users/index.ts';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface SignedIn {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
}

/** Checks a password and opens a session. Throws invalid_credentials (the same for unknown email and wrong password). */
export async function signIn(ctx: Context, email: string, password: string, meta: { ip?: string; userAgent?: string }): Promise<SignedIn> {
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || !user.active) throw new AppError('invalid_credentials', 'The email or password is not right.');
  return openSession(ctx, user.id, meta);
}

/** Starts a web session for a user who has proven who they are (password, sign-in link). */
export async function openSession(ctx: Context, userId: number, meta: { ip?: string; userAgent?: string }): Promise<SignedIn> {
  const now = ctx.clock.now();
  const secret = newSecret('fls');
  const csrfToken = newSecret('flc');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        user_id: userId,
        token_hash: hashSecret(secret),
        csrf_token: csrfToken,
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 500) ?? null,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).execute();
    // Expired sessions are swept on sign-in so the table never grows without bound.
    await trx.deleteFrom('sessions').where('expires_at', '<', now).execute();
  });
  return { secret, csrfToken, expiresAt, user: await getUser(ctx, userId) };
}

export async function signOut(ctx: Context, secret: string | undefined): Promise<void> {
  if (!secret) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', hashSecret(secret)).execute();
    await ctx.cache.changed(trx, 'auth');
  });
  ctx.cache.drop('auth');
}

export async function currentSession(ctx: Context, secret: string) {
  return ctx.db.selectFrom('sessions').select(['csrf_token', 'expires_at']).where('token_hash', '=', hashSecret(secret)).executeTakeFirst();
}

type TokenRow = {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function presentToken(row: TokenRow) {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    prefix: row.prefix,
    created_at: iso(row.created_at) as string,
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
  };
}

/** Inserts a token for a user and returns the secret, which is never stored or shown again. */
export async function issueToken(db: Kysely<Database>, actor: Actor, userId: number, name: string, now: Date) {
  const secret = newSecret('flt');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hashSecret(secret), prefix: secret.slice(0, 10), created_at: now })
    .returning(['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(db, actor, now, {
    action: 'token.created',
    entityType: 'api_token',
    entityId: row.id,
    after: { user_id: userId, name, prefix: row.prefix },
  });
  return { ...presentToken(row), token: secret };
}

/** Creates an API token for yourself, or (admins) for anyone. Throws forbidden, user_not_found. */
export async function createToken(ctx: Context, actor: UserActor, input: { name: string; user_id?: number | undefined }) {
  const userId = input.user_id ?? actor.userId;
  if (userId !== actor.userId && !can(actor.role, 'tokens.manage')) throw forbidden('Only admins may create tokens for other users.');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound('user_not_found', 'User', userId);
  if (!user.active) throw new AppError('unprocessable', `User ${userId} is deactivated.`);
  return ctx.db.transaction().execute((trx) => issueToken(trx, actor, userId, input.name, ctx.clock.now()));
}

export async function listTokens(ctx: Context, actor: UserActor, userId: number | undefined) {
  const target = userId ?? actor.userId;
  if (target !== actor.userId && !can(actor.role, 'tokens.manage')) throw forbidden('Only admins may see other users’ tokens.');
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', target)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentToken);
}

/** Revokes a token at once. Throws token_not_found (also for someone else's token, unless admin). */
export async function revokeToken(ctx: Context, actor: UserActor, tokenId: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).forUpdate().executeTakeFirst();
    if (!row || (row.user_id !== actor.userId && !can(actor.role, 'tokens.manage'))) throw notFound('token_not_found', 'Token', tokenId);
    const updated = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: row.revoked_at ?? now })
      .where('id', '=', tokenId)
      .returning(['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    await ctx.cache.changed(trx, 'auth');
    if (!row.revoked_at)
      await recordAudit(trx, actor, now, {
        action: 'token.revoked',
        entityType: 'api_token',
        entityId: tokenId,
        before: { prefix: row.prefix },
      });
    return presentToken(updated);
  });
}

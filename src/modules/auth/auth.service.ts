import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Actor, type Context, systemActor, type UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { hashSecret, newSecret, verifyPassword } from '../../platform/secrets.ts';
import { findUserByEmail, findUserById, getUser, type UserView, updateUser } from '../users/index.ts';
import * as security from './security.service.ts';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface SignedIn {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
}

export type SignInResult =
  | ({ kind: 'session' } & SignedIn)
  | { kind: 'two_factor_required' | 'two_factor_enrolment_required'; challenge: string; expiresAt: Date };

/**
 * Checks a password; then either opens a session, or — when the user has two-factor turned on, or
 * is an admin who must have it and has not — answers with a challenge for the second step.
 * Throws invalid_credentials (the same for unknown email and wrong password) and rate_limited while
 * the account is locked after repeated failures.
 */
export async function signIn(
  ctx: Context,
  email: string,
  password: string,
  meta: { ip?: string; userAgent?: string },
): Promise<SignInResult> {
  const user = await findUserByEmail(ctx.db, email);
  if (user) await security.assertNotLocked(ctx, user.id);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || !user.active) {
    if (user) await security.recordFailedSignIn(ctx, user.id);
    throw new AppError('invalid_credentials', 'The email or password is not right.');
  }
  await security.clearFailedSignIns(ctx, user.id);
  return afterFirstFactor(ctx, user, meta);
}

/** The second half of every sign-in (password or single sign-on): two-factor when due, else a session. */
export async function afterFirstFactor(
  ctx: Context,
  user: { id: number; role: string },
  meta: { ip?: string; userAgent?: string },
): Promise<SignInResult> {
  if (await security.twoFactorEnabled(ctx, user.id)) {
    const { challenge, expiresAt } = await security.createChallenge(ctx, user.id, 'two_factor');
    return { kind: 'two_factor_required', challenge, expiresAt };
  }
  if (await security.twoFactorRequiredFor(ctx, user.role)) {
    const { challenge, expiresAt } = await security.createChallenge(ctx, user.id, 'enrol_two_factor');
    return { kind: 'two_factor_enrolment_required', challenge, expiresAt };
  }
  return { kind: 'session', ...(await openSession(ctx, user.id, meta)) };
}

/** The second step: a code from the authenticator app or a recovery code. Throws invalid_credentials, rate_limited. */
export async function completeTwoFactor(
  ctx: Context,
  challenge: string,
  code: string,
  meta: { ip?: string; userAgent?: string },
): Promise<SignedIn> {
  const row = await security.findChallenge(ctx, challenge, ['two_factor']);
  await security.assertNotLocked(ctx, row.user_id);
  const used = await security.verifySecondFactor(ctx, row.user_id, code);
  if (!used) {
    await security.countChallengeAttempt(ctx, row.id);
    await security.recordFailedSignIn(ctx, row.user_id);
    throw new AppError('invalid_credentials', 'That code is not right.');
  }
  await security.endChallenge(ctx, row.id);
  await security.clearFailedSignIns(ctx, row.user_id);
  return openSession(ctx, row.user_id, meta);
}

/** Enrolment during sign-in (an admin the policy requires to have two-factor): a new secret for the app. */
export async function beginEnrolmentAtSignIn(ctx: Context, challenge: string) {
  const row = await security.findChallenge(ctx, challenge, ['enrol_two_factor']);
  const user = await findUserById(ctx.db, row.user_id);
  if (!user) throw new AppError('invalid_credentials', 'This sign-in step is not valid; sign in again.');
  return security.beginEnrolment(ctx, { id: user.id, email: user.email });
}

/** Confirms enrolment during sign-in, then opens the session; returns the recovery codes with it. */
export async function confirmEnrolmentAtSignIn(ctx: Context, challenge: string, code: string, meta: { ip?: string; userAgent?: string }) {
  const row = await security.findChallenge(ctx, challenge, ['enrol_two_factor']);
  let codes: string[];
  try {
    codes = await security.confirmEnrolment(ctx, systemActor, row.user_id, code);
  } catch (error) {
    await security.countChallengeAttempt(ctx, row.id);
    throw error;
  }
  await security.endChallenge(ctx, row.id);
  return { ...(await openSession(ctx, row.user_id, meta)), recoveryCodes: codes };
}

/** Changes your own password (the current one is required); every session of yours ends and this one is replaced. */
export async function changeOwnPassword(
  ctx: Context,
  actor: UserActor,
  input: { current_password: string; new_password: string },
  meta: { ip?: string; userAgent?: string; viaSession: boolean },
): Promise<SignedIn | undefined> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw notFound('user_not_found', 'User', actor.userId);
  await security.assertNotLocked(ctx, user.id);
  if (!(await verifyPassword(user.password_hash, input.current_password))) {
    await security.recordFailedSignIn(ctx, user.id);
    throw new AppError('invalid_credentials', 'The current password is not right.');
  }
  // updateUser checks the policy, ends every session of the user and records the audit entry.
  await updateUser(ctx, actor, user.id, { password: input.new_password });
  ctx.cache.drop('auth');
  return meta.viaSession ? openSession(ctx, user.id, meta) : undefined;
}

/** Ends every web session of yours except the one making the request. */
export async function revokeOtherSessions(ctx: Context, actor: UserActor, currentSecret: string | undefined): Promise<number> {
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      let query = trx.deleteFrom('sessions').where('user_id', '=', actor.userId);
      if (currentSecret) query = query.where('token_hash', '!=', hashSecret(currentSecret));
      const result = await query.executeTakeFirst();
      await ctx.cache.changed(trx, 'auth');
      return Number(result.numDeletedRows ?? 0);
    })
    .finally(() => ctx.cache.drop('auth'));
}

/** Starts a web session for a user who has proven who they are (password, sign-in link). */
export async function openSession(ctx: Context, userId: number, meta: { ip?: string; userAgent?: string }): Promise<SignedIn> {
  const now = ctx.clock.now();
  const secret = newSecret('fls');
  const csrfToken = newSecret('flc');
  const expiresAt = new Date(now.getTime() + (ctx.config.sessionMaxHours ? ctx.config.sessionMaxHours * 3600_000 : SESSION_TTL_MS));
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
        last_seen_at: now,
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

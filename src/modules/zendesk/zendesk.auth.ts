import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Role } from '../../db/schema.ts';
import { authenticate } from '../../platform/auth.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashSecret, verifyPassword } from '../../platform/secrets.ts';

interface CallerRow {
  user_id: number;
  role: Role;
  name: string;
  customer_id: number | null;
  active: boolean;
}

function toActor(row: CallerRow, request: FastifyRequest): UserActor {
  return {
    userId: row.user_id,
    role: row.role,
    customerId: row.customer_id,
    name: row.name,
    via: 'token',
    ip: request.ip,
    requestId: String(request.id),
  };
}

function userByEmail(db: Db, email: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id as user_id', 'u.role', 'u.name', 'u.customer_id', 'u.active', 'u.password_hash'])
    .where(sql<boolean>`lower(u.email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
}

function tokenOfUser(db: Db, email: string, hash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id as user_id', 'u.role', 'u.name', 'u.customer_id', 'u.active'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where(sql<boolean>`lower(u.email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
}

const invalid = () => new AppError('unauthenticated', "Couldn't authenticate you");

/**
 * Zendesk's three ways to authenticate: `Basic email/token:TOKEN` (an API token of that user),
 * `Basic email:password`, and `Bearer TOKEN` (the same tokens /api/v1 takes). Returns undefined
 * when no Authorization header is present; throws unauthenticated for a bad credential.
 */
export async function authenticateZendesk(ctx: Context, request: FastifyRequest): Promise<UserActor | undefined> {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  if (/^Bearer\s/i.test(header)) return authenticate(ctx.db, ctx.clock, request, ctx.cache);
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic?.[1]) throw invalid();
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw invalid();
  const login = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (login.endsWith('/token')) {
    const row = await tokenOfUser(ctx.db, login.slice(0, -'/token'.length), hashSecret(secret));
    if (!row?.active) throw invalid();
    return toActor(row, request);
  }
  const row = await userByEmail(ctx.db, login);
  // verifyPassword costs the same for unknown accounts, so timing does not reveal which emails exist.
  const ok = await verifyPassword(row?.password_hash ?? null, secret);
  if (!row || !ok || !row.active) throw invalid();
  return toActor(row, request);
}

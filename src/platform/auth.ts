import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import type { ConfigCache } from './cache.ts';
import type { Clock } from './clock.ts';
import type { UserActor } from './context.ts';
import { AppError } from './errors.ts';
import { hashSecret, safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'frontline_session';
export const CSRF_HEADER = 'x-csrf-token';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Writing last_used_at on every request would turn each read into a write; a minute's precision is enough.
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

interface AuthRow {
  user_id: number;
  role: Role;
  name: string;
  customer_id: number | null;
  active: boolean;
}

interface TokenRow extends AuthRow {
  token_id: number;
  last_used_at: Date | null;
}

interface SessionRow extends AuthRow {
  session_id: number;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at?: Date | null | undefined;
}

/** How long a web session lives without a request, unless the configuration says otherwise. */
export const DEFAULT_SESSION_IDLE_MINUTES = 12 * 60;

/**
 * Finds who is calling: a bearer token (API) or the session cookie (web app, which must also
 * send the CSRF token on unsafe methods). Returns undefined when neither is present.
 * Throws `unauthenticated` for a bad, revoked or expired credential and `csrf_failed` for a missing CSRF token.
 *
 * Valid credentials are cached (topic `auth`): revoking a token, ending a session or changing a
 * user drops them in every process (see cache.ts), so a request costs no query to authenticate.
 */
export async function authenticate(
  db: Db,
  clock: Clock,
  request: FastifyRequest,
  cache?: ConfigCache,
  options: { sessionIdleMinutes?: number | undefined } = {},
): Promise<UserActor | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
    }
    const hash = hashSecret(match[1]);
    const load = () => findToken(db, hash);
    const row = cache ? await cache.get('auth', `t:${hash}`, load) : await load();
    if (!row || !row.active) {
      // Unknown tokens are not remembered: a guessing client must not fill the cache.
      cache?.forget('auth', `t:${hash}`);
      throw new AppError('unauthenticated', 'The API token is not valid or has been revoked.');
    }
    const now = clock.now();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      row.last_used_at = now;
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
    }
    return toActor(row, 'token', request);
  }

  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const hash = hashSecret(cookie);
  const load = () => findSession(db, hash);
  const row = cache ? await cache.get('auth', `s:${hash}`, load) : await load();
  const now = clock.now();
  const idleMs = (options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
  const lastSeen = new Date(row?.last_seen_at ?? row?.created_at ?? 0);
  // A session ends at its absolute expiry, or after a stretch without any request (idle expiry).
  if (!row || !row.active || new Date(row.expires_at) <= now || now.getTime() - lastSeen.getTime() > idleMs) {
    cache?.forget('auth', `s:${hash}`);
    if (row) await db.deleteFrom('sessions').where('id', '=', row.session_id).execute();
    throw new AppError('unauthenticated', 'Your session has ended; please sign in again.');
  }
  if (now.getTime() - lastSeen.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    row.last_seen_at = now;
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.session_id).execute();
  }
  if (unsafeMethods.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, row.csrf_token)) {
      throw new AppError('csrf_failed', `Requests from the web app must carry the ${CSRF_HEADER} header of the session.`);
    }
  }
  return toActor(row, 'session', request);
}

function findToken(db: Db, hash: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id as user_id', 'u.role', 'u.name', 'u.customer_id', 'u.active'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

function findSession(db: Db, hash: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.role',
      'u.name',
      'u.customer_id',
      'u.active',
    ])
    .where('s.token_hash', '=', hash)
    .executeTakeFirst();
}

function toActor(row: AuthRow, via: 'session' | 'token', request: FastifyRequest): UserActor {
  return {
    userId: row.user_id,
    role: row.role,
    customerId: row.customer_id,
    name: row.name,
    via,
    ip: request.ip,
    requestId: String(request.id),
  };
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

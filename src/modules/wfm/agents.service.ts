/** Agents' scheduling profiles (contract, availability, channels) and time-off requests. */
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import * as repo from './planning.repository.ts';

const presentProfile = (r: repo.AgentProfileRow) => ({
  user_id: r.user_id,
  name: r.name,
  role: r.role,
  time_zone: r.time_zone,
  max_days_per_week: r.max_days_per_week ?? 5,
  min_hours_per_week: r.min_hours_per_week ?? 0,
  max_hours_per_week: r.max_hours_per_week ?? 40,
  cost_per_hour_cents: r.cost_per_hour_cents ?? 2500,
  availability: (r.availability as { weekday: number; from: string; to: string }[] | null) ?? null,
  channels: (r.channels as string[] | null) ?? null,
  templates: (r.templates as string[] | null) ?? null,
  has_profile: r.profile_user_id !== null,
});

/** Every active agent with their scheduling profile (defaults when they have none). */
export async function listProfiles(ctx: Context) {
  const rows = await repo.listAgentsWithProfiles(ctx.db);
  return { data: rows.map(presentProfile), next_cursor: null };
}

/** Sets an agent's profile (audited). Throws `user_not_found`, `validation_failed`. */
export async function putProfile(
  ctx: Context,
  actor: UserActor,
  userId: number,
  body: {
    max_days_per_week: number;
    min_hours_per_week: number;
    max_hours_per_week: number;
    cost_per_hour_cents: number;
    availability: { weekday: number; from: string; to: string }[] | null;
    channels: string[] | null;
    templates: string[] | null;
  },
) {
  if (body.min_hours_per_week > body.max_hours_per_week) {
    throw validationError('min_hours_per_week is above max_hours_per_week.', [
      { path: 'min_hours_per_week', message: 'above max_hours_per_week' },
    ]);
  }
  for (const [i, w] of (body.availability ?? []).entries()) {
    if (w.from >= w.to)
      throw validationError(`availability.${i}: from must be before to.`, [
        { path: `availability.${i}.to`, message: 'must be after from' },
      ]);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUser(trx, userId);
    if (!user || user.role === 'customer') throw notFound('user_not_found', 'Agent', userId);
    await repo.upsertProfile(trx, {
      user_id: userId,
      ...body,
      availability: body.availability === null ? null : JSON.stringify(body.availability),
      channels: body.channels === null ? null : JSON.stringify(body.channels),
      templates: body.templates === null ? null : JSON.stringify(body.templates),
      updated_at: now,
    });
    await recordAudit(trx, actor, now, { action: 'wfm_profile.updated', entityType: 'user', entityId: userId, after: body });
    const [row] = await repo.listAgentsWithProfiles(trx, [userId]);
    return presentProfile(row as repo.AgentProfileRow);
  });
}

type TimeOffRow = NonNullable<Awaited<ReturnType<typeof repo.findTimeOff>>>;
const presentTimeOff = (r: TimeOffRow) => ({
  id: r.id,
  user_id: r.user_id,
  starts_at: iso(r.starts_at) as string,
  ends_at: iso(r.ends_at) as string,
  reason: r.reason,
  status: r.status,
  decided_by: r.decided_by,
  decided_at: iso(r.decided_at),
  created_at: iso(r.created_at) as string,
});

const plans = (actor: UserActor) => can(actor.role, 'wfm.schedule');

/** An agent asks for time off (managers may file it for an agent). Throws `forbidden`, `user_not_found`. */
export async function requestTimeOff(
  ctx: Context,
  actor: UserActor,
  body: { starts_at: string; ends_at: string; reason: string; user_id?: number | undefined },
) {
  const userId = body.user_id ?? actor.userId;
  if (userId !== actor.userId && !plans(actor)) throw forbidden('Only planners file time off for someone else.');
  if (actor.role === 'customer') throw forbidden('Customers have no schedule.');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUser(trx, userId);
    if (!user || user.role === 'customer') throw notFound('user_not_found', 'Agent', userId);
    const row = await repo.insertTimeOff(trx, {
      user_id: userId,
      starts_at: new Date(body.starts_at),
      ends_at: new Date(body.ends_at),
      reason: body.reason,
      created_at: now,
    });
    await recordAudit(trx, actor, now, {
      action: 'wfm_time_off.requested',
      entityType: 'wfm_time_off',
      entityId: row.id,
      after: presentTimeOff(row),
    });
    return presentTimeOff(row);
  });
}

/** Time-off requests: one's own, or anyone's for those who read WFM. */
export async function listTimeOff(
  ctx: Context,
  actor: UserActor,
  query: { user_id?: number | undefined; status?: string | undefined; limit: number; cursor?: string | undefined },
) {
  if (actor.role === 'customer') throw forbidden('Customers have no schedule.');
  const everyone = can(actor.role, 'wfm.read');
  const userId = everyone ? query.user_id : actor.userId;
  if (!everyone && query.user_id !== undefined && query.user_id !== actor.userId) throw forbidden('You may see only your own time off.');
  const value = decodeCursor(query.cursor, 1)?.[0];
  if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value))) {
    throw new AppError('validation_failed', 'The cursor is not valid.', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  const rows = await repo.listTimeOffPage(ctx.db, { userId, status: query.status }, query.limit, value ?? undefined);
  return toPage(rows, query.limit, (r) => [r.id], presentTimeOff);
}

/**
 * Approves or rejects a request (planners), or cancels one's own. Approved time off keeps the
 * optimiser from scheduling the agent. Throws `not_found`, `forbidden`, `invalid_transition`.
 */
export async function decideTimeOff(ctx: Context, actor: UserActor, id: number, status: 'approved' | 'rejected' | 'cancelled') {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findTimeOff(trx, id);
    const own = row?.user_id === actor.userId;
    if (!row || (!own && !can(actor.role, 'wfm.read'))) throw notFound('not_found', 'Time-off request', id);
    if (status === 'cancelled' ? !own && !plans(actor) : !plans(actor)) throw forbidden('Only planners approve or reject time off.');
    if (row.status === 'cancelled' || row.status === status)
      throw new AppError('invalid_transition', `The request is already ${row.status}.`);
    const decided = await repo.decideTimeOff(trx, id, status, actor.userId, now);
    await recordAudit(trx, actor, now, {
      action: `wfm_time_off.${status}`,
      entityType: 'wfm_time_off',
      entityId: id,
      before: { status: row.status },
      after: { status },
    });
    return presentTimeOff(decided);
  });
}

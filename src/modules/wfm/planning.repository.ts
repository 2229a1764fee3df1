/** SQL of workforce planning: contact history, adjustments, profiles, time off, schedules and shifts. */
import { type Kysely, sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import type { ContactCount } from './forecast.ts';

type Db = Context['db'];
type Tx = Db extends Kysely<infer D> ? Kysely<D> : never;

/** Tickets created per channel and half hour in [from, to). */
export async function contactCounts(db: Db, from: Date, to: Date, groupId?: number): Promise<ContactCount[]> {
  const group = groupId === undefined ? sql`` : sql`and group_id = ${groupId}`;
  const { rows } = await sql<{ channel: string; slot: string | number; n: string | number }>`
    select channel, floor(extract(epoch from created_at) / 1800)::bigint as slot, count(*) as n
      from tickets where created_at >= ${from} and created_at < ${to} ${group}
      group by 1, 2`.execute(db);
  return rows.map((r) => ({ channel: r.channel, slot: Number(r.slot), count: Number(r.n) }));
}

export const listAdjustmentsOverlapping = (db: Db, from: Date, to: Date) =>
  db.selectFrom('wfm_volume_adjustments').selectAll().where('ends_at', '>', from).where('starts_at', '<', to).orderBy('id').execute();

export const listAdjustmentsPage = (db: Db, limit: number, afterId?: number) =>
  db
    .selectFrom('wfm_volume_adjustments')
    .selectAll()
    .$if(afterId !== undefined, (q) => q.where('id', '<', afterId as number))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();

export const findAdjustment = (db: Db, id: number) =>
  db.selectFrom('wfm_volume_adjustments').selectAll().where('id', '=', id).executeTakeFirst();

export const insertAdjustment = (
  db: Tx,
  row: {
    channel: string | null;
    starts_at: Date;
    ends_at: Date;
    kind: 'multiply' | 'add' | 'set';
    value: number;
    note: string | null;
    created_by: number;
    created_at: Date;
  },
) => db.insertInto('wfm_volume_adjustments').values(row).returningAll().executeTakeFirstOrThrow();

export const deleteAdjustment = (db: Tx, id: number) => db.deleteFrom('wfm_volume_adjustments').where('id', '=', id).executeTakeFirst();

// ── Agents ─────────────────────────────────────────────────────────────────────────────

const agentRoles = ['associate', 'engineer', 'manager', 'tam', 'head_of_support'] as const;

/** Active agents with their WFM profile (null columns when they have none). */
export function listAgentsWithProfiles(db: Db, userIds?: number[]) {
  return db
    .selectFrom('users')
    .leftJoin('wfm_agent_profiles as p', 'p.user_id', 'users.id')
    .select([
      'users.id as user_id',
      'users.name',
      'users.role',
      'users.time_zone',
      'users.active',
      'p.user_id as profile_user_id',
      'p.max_days_per_week',
      'p.min_hours_per_week',
      'p.max_hours_per_week',
      'p.cost_per_hour_cents',
      'p.availability',
      'p.channels',
      'p.templates',
    ])
    .$if(userIds === undefined, (q) => q.where('users.active', '=', true).where('users.role', 'in', [...agentRoles]))
    .$if(userIds !== undefined, (q) => q.where('users.id', 'in', userIds as number[]))
    .orderBy('users.id')
    .execute();
}
export type AgentProfileRow = Awaited<ReturnType<typeof listAgentsWithProfiles>>[number];

export const findUser = (db: Db, id: number) =>
  db.selectFrom('users').select(['id', 'role', 'active', 'name']).where('id', '=', id).executeTakeFirst();

export const upsertProfile = (
  db: Tx,
  row: {
    user_id: number;
    max_days_per_week: number;
    min_hours_per_week: number;
    max_hours_per_week: number;
    cost_per_hour_cents: number;
    availability: string | null;
    channels: string | null;
    templates: string | null;
    updated_at: Date;
  },
) =>
  db
    .insertInto('wfm_agent_profiles')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...row }))
    .execute();

// ── Time off ───────────────────────────────────────────────────────────────────────────

export const insertTimeOff = (db: Tx, row: { user_id: number; starts_at: Date; ends_at: Date; reason: string; created_at: Date }) =>
  db.insertInto('wfm_time_off').values(row).returningAll().executeTakeFirstOrThrow();

export const findTimeOff = (db: Db, id: number) => db.selectFrom('wfm_time_off').selectAll().where('id', '=', id).executeTakeFirst();

export const decideTimeOff = (db: Tx, id: number, status: 'approved' | 'rejected' | 'cancelled', by: number, at: Date) =>
  db
    .updateTable('wfm_time_off')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const listTimeOffPage = (
  db: Db,
  filter: { userId?: number | undefined; status?: string | undefined },
  limit: number,
  afterId?: number,
) =>
  db
    .selectFrom('wfm_time_off')
    .selectAll()
    .$if(filter.userId !== undefined, (q) => q.where('user_id', '=', filter.userId as number))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as 'requested'))
    .$if(afterId !== undefined, (q) => q.where('id', '<', afterId as number))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();

export const approvedTimeOff = (db: Db, userIds: number[], from: Date, to: Date) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('wfm_time_off')
        .select(['user_id', 'starts_at', 'ends_at'])
        .where('status', '=', 'approved')
        .where('user_id', 'in', userIds)
        .where('ends_at', '>', from)
        .where('starts_at', '<', to)
        .execute();

// ── Schedules ──────────────────────────────────────────────────────────────────────────

export const insertSchedule = (
  db: Tx,
  row: {
    name: string;
    starts_at: Date;
    ends_at: Date;
    time_zone: string;
    solver: string;
    summary: string;
    coverage: string;
    created_by: number;
    created_at: Date;
  },
) => db.insertInto('wfm_schedules').values(row).returningAll().executeTakeFirstOrThrow();

export async function insertShifts(
  db: Tx,
  rows: {
    schedule_id: number;
    user_id: number;
    template: string;
    starts_at: Date;
    ends_at: Date;
    lunch_starts_at: Date | null;
    lunch_ends_at: Date | null;
    paid_hours: number;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('wfm_shifts')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export const findSchedule = (db: Db, id: number) => db.selectFrom('wfm_schedules').selectAll().where('id', '=', id).executeTakeFirst();

export const listSchedulesPage = (db: Db, limit: number, afterId?: number) =>
  db
    .selectFrom('wfm_schedules')
    .select(['id', 'name', 'status', 'starts_at', 'ends_at', 'time_zone', 'solver', 'summary', 'created_by', 'created_at', 'published_at'])
    .$if(afterId !== undefined, (q) => q.where('id', '<', afterId as number))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();

export const publishSchedule = (db: Tx, id: number, by: number, at: Date) =>
  db
    .updateTable('wfm_schedules')
    .set({ status: 'published', published_by: by, published_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const deleteSchedule = (db: Tx, id: number) => db.deleteFrom('wfm_schedules').where('id', '=', id).executeTakeFirst();

export const listShiftsPage = (db: Db, scheduleId: number, userId: number | undefined, limit: number, afterId?: number) =>
  db
    .selectFrom('wfm_shifts')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .$if(userId !== undefined, (q) => q.where('user_id', '=', userId as number))
    .$if(afterId !== undefined, (q) => q.where('id', '>', afterId as number))
    .orderBy('id')
    .limit(limit + 1)
    .execute();

/** Shifts of published schedules overlapping [from, to), optionally for one agent. */
export const publishedShifts = (db: Db, from: Date, to: Date, userId?: number) =>
  db
    .selectFrom('wfm_shifts')
    .innerJoin('wfm_schedules', 'wfm_schedules.id', 'wfm_shifts.schedule_id')
    .selectAll('wfm_shifts')
    .where('wfm_schedules.status', '=', 'published')
    .where('wfm_shifts.ends_at', '>', from)
    .where('wfm_shifts.starts_at', '<', to)
    .$if(userId !== undefined, (q) => q.where('wfm_shifts.user_id', '=', userId as number))
    .orderBy('wfm_shifts.starts_at')
    .orderBy('wfm_shifts.id')
    .limit(5000)
    .execute();

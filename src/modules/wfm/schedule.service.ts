/** Schedules: solve from the requirement, store as a draft, publish; agents' own shifts; adherence. */
import { TZDate } from '@date-fns/tz';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import { agentStateIntervals } from '../routing/index.ts';
import { adherenceOf } from './adherence.ts';
import { SLOT_MS } from './forecast-models.ts';
import { loadForecast } from './forecast.service.ts';
import type { ScheduleBody } from './planning.schemas.ts';
import * as repo from './planning.repository.ts';
import { requirementsFor, ruleFor } from './requirements.ts';
import { type RequirementSlot, solveSchedule } from './schedule-optimiser.ts';
import type { ScheduleAgent } from './schedule-shifts.ts';

const DAY_MS = 86_400_000;

function afterId(cursor: string | undefined): number | undefined {
  const value = decodeCursor(cursor, 1)?.[0];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new AppError('validation_failed', 'The cursor is not valid.', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return value;
}

/** The schedule's window: local midnight of start_date to local midnight `days` later. */
function windowOf(body: ScheduleBody): { from: Date; to: Date } {
  const [y, m, d] = body.start_date.split('-').map(Number) as [number, number, number];
  const from = new TZDate(y, m - 1, d, 0, 0, body.time_zone);
  const to = new TZDate(y, m - 1, d + body.days, 0, 0, body.time_zone);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** Heads needed per half hour and channel over the window: given, or from the forecast through Erlang. */
async function requirementOf(ctx: Context, body: ScheduleBody, from: Date, to: Date): Promise<RequirementSlot[]> {
  if (body.requirement) return body.requirement.map((r) => ({ start: new Date(r.start), channels: r.channels }));
  const today = Math.floor(ctx.clock.now().getTime() / DAY_MS) * DAY_MS;
  if (from.getTime() < today) {
    throw validationError('A schedule starting before today needs an explicit requirement.', [
      { path: 'start_date', message: 'is in the past; pass requirement' },
    ]);
  }
  const horizonDays = Math.ceil((to.getTime() - today) / DAY_MS);
  if (horizonDays > 62)
    throw validationError('The forecast reaches 62 days ahead.', [{ path: 'start_date', message: 'more than 62 days ahead' }]);
  const loaded = await loadForecast(ctx, { ...body.forecast, horizon_days: horizonDays }, horizonDays);
  const rules = loaded.channels.map((c) => ruleFor(c.channel, body.rules[c.channel] ?? {}));
  return requirementsFor(loaded.channels, rules, { shrinkage: body.shrinkage })
    .filter((i) => i.start >= from && i.start < to)
    .map((i) => ({ start: i.start, channels: Object.fromEntries(Object.entries(i.channels).map(([c, need]) => [c, need.fte])) }));
}

async function agentsOf(ctx: Context, body: ScheduleBody, from: Date, to: Date): Promise<ScheduleAgent[]> {
  let rows = await repo.listAgentsWithProfiles(ctx.db, body.user_ids);
  if (body.user_ids) {
    const found = new Set(rows.map((r) => r.user_id));
    const missing = body.user_ids.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw validationError(`No user ${missing.join(', ')}.`, [{ path: 'user_ids', message: `unknown users ${missing.join(', ')}` }]);
  } else if (rows.some((r) => r.profile_user_id !== null)) {
    rows = rows.filter((r) => r.profile_user_id !== null);
  } else {
    rows = rows.filter((r) => r.role === 'associate' || r.role === 'engineer');
  }
  if (rows.length === 0) throw validationError('There are no agents to schedule.', [{ path: 'user_ids', message: 'no agents' }]);
  const off = await repo.approvedTimeOff(
    ctx.db,
    rows.map((r) => r.user_id),
    from,
    to,
  );
  return rows.map((r) => ({
    user_id: r.user_id,
    name: r.name,
    time_zone: r.time_zone,
    channels: (r.channels as string[] | null) ?? undefined,
    templates: (r.templates as string[] | null) ?? undefined,
    availability: (r.availability as { weekday: number; from: string; to: string }[] | null) ?? undefined,
    max_days_per_week: r.max_days_per_week ?? 5,
    min_hours_per_week: r.min_hours_per_week ?? 0,
    max_hours_per_week: r.max_hours_per_week ?? 40,
    cost_per_hour: (r.cost_per_hour_cents ?? 2500) / 100,
    time_off: off.filter((o) => o.user_id === r.user_id).map((o) => ({ from: new Date(o.starts_at), to: new Date(o.ends_at) })),
  }));
}

type ScheduleRow = NonNullable<Awaited<ReturnType<typeof repo.findSchedule>>>;
const presentSchedule = (row: Omit<ScheduleRow, 'coverage' | 'published_by'>) => ({
  id: row.id,
  name: row.name,
  status: row.status,
  starts_at: iso(row.starts_at) as string,
  ends_at: iso(row.ends_at) as string,
  time_zone: row.time_zone,
  solver: row.solver,
  summary: row.summary,
  created_by: row.created_by,
  created_at: iso(row.created_at) as string,
  published_at: iso(row.published_at),
});
const presentScheduleDetail = (row: ScheduleRow) => ({ ...presentSchedule(row), coverage: row.coverage });

/**
 * Solves a schedule for the window (HiGHS), stores it as a draft with its shifts and coverage report.
 * Throws `validation_failed` for windows or agents that make no schedule, `unprocessable` when the
 * solver finds none.
 */
export async function createSchedule(ctx: Context, actor: UserActor, body: ScheduleBody) {
  const { from, to } = windowOf(body);
  const requirement = (await requirementOf(ctx, body, from, to)).filter((r) => r.start >= from && r.start < to);
  const agents = await agentsOf(ctx, body, from, to);
  let solution: Awaited<ReturnType<typeof solveSchedule>>;
  try {
    solution = await solveSchedule({
      from,
      days: body.days,
      time_zone: body.time_zone,
      templates: body.templates,
      agents,
      requirement,
      understaffing_cost_per_hour: body.understaffing_cost_per_hour_cents / 100,
      short_hours_cost_per_hour: 1,
      min_rest_hours: body.min_rest_hours,
      time_limit_seconds: body.time_limit_seconds,
      mip_gap: body.mip_gap,
    });
  } catch (error) {
    if (error instanceof RangeError) throw validationError(`Schedule: ${error.message}.`, [{ path: 'templates', message: error.message }]);
    throw error;
  }
  if (solution.status === 'infeasible') throw new AppError('unprocessable', 'The solver found no schedule meeting the contracts.');
  const now = ctx.clock.now();
  const solver = {
    status: solution.status,
    objective: solution.objective,
    bound: solution.bound,
    gap: solution.gap,
    solve_seconds: solution.solve_seconds,
    variables: solution.variables,
    constraints: solution.constraints,
    agent_groups: solution.groups,
    unassigned_shifts: solution.unassigned.length,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertSchedule(trx, {
      name: body.name,
      starts_at: from,
      ends_at: to,
      time_zone: body.time_zone,
      solver: JSON.stringify(solver),
      summary: JSON.stringify({ ...solution.summary, agents: agents.length, shifts: solution.shifts.length }),
      coverage: JSON.stringify(solution.coverage.map((c) => ({ ...c, start: c.start.toISOString() }))),
      created_by: actor.userId,
      created_at: now,
    });
    await repo.insertShifts(
      trx,
      solution.shifts.map((s) => ({
        schedule_id: row.id,
        user_id: s.user_id,
        template: s.template,
        starts_at: s.start,
        ends_at: s.end,
        lunch_starts_at: s.lunch_start,
        lunch_ends_at: s.lunch_end,
        paid_hours: s.paid_hours,
      })),
    );
    await recordAudit(trx, actor, now, {
      action: 'wfm_schedule.created',
      entityType: 'wfm_schedule',
      entityId: row.id,
      after: { name: body.name, solver },
    });
    return presentScheduleDetail(row);
  });
}

export async function listSchedules(ctx: Context, query: { limit: number; cursor?: string | undefined }) {
  const rows = await repo.listSchedulesPage(ctx.db, query.limit, afterId(query.cursor));
  return toPage(rows, query.limit, (r) => [r.id], presentSchedule);
}

export async function getSchedule(ctx: Context, id: number) {
  const row = await repo.findSchedule(ctx.db, id);
  if (!row) throw notFound('not_found', 'Schedule', id);
  return presentScheduleDetail(row);
}

type ShiftRow = Awaited<ReturnType<typeof repo.listShiftsPage>>[number];
const presentShift = (row: ShiftRow) => ({
  id: row.id,
  schedule_id: row.schedule_id,
  user_id: row.user_id,
  template: row.template,
  starts_at: iso(row.starts_at) as string,
  ends_at: iso(row.ends_at) as string,
  lunch_starts_at: iso(row.lunch_starts_at),
  lunch_ends_at: iso(row.lunch_ends_at),
  paid_hours: row.paid_hours,
});

export async function listShifts(
  ctx: Context,
  id: number,
  query: { user_id?: number | undefined; limit: number; cursor?: string | undefined },
) {
  if (!(await repo.findSchedule(ctx.db, id))) throw notFound('not_found', 'Schedule', id);
  const rows = await repo.listShiftsPage(ctx.db, id, query.user_id, query.limit, afterId(query.cursor));
  return toPage(rows, query.limit, (r) => [r.id], presentShift);
}

/** Publishes a draft so agents see their shifts (audited). Throws `not_found`, `invalid_transition`. */
export async function publish(ctx: Context, actor: UserActor, id: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findSchedule(trx, id);
    if (!row) throw notFound('not_found', 'Schedule', id);
    if (row.status === 'published') throw new AppError('invalid_transition', 'The schedule is already published.');
    const published = await repo.publishSchedule(trx, id, actor.userId, now);
    await recordAudit(trx, actor, now, { action: 'wfm_schedule.published', entityType: 'wfm_schedule', entityId: id });
    return presentScheduleDetail(published);
  });
}

/** Deletes a draft (audited). Throws `not_found`, `invalid_transition` for a published schedule. */
export async function remove(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findSchedule(trx, id);
    if (!row) throw notFound('not_found', 'Schedule', id);
    if (row.status === 'published') throw new AppError('invalid_transition', 'A published schedule cannot be deleted.');
    await repo.deleteSchedule(trx, id);
    await recordAudit(trx, actor, now, {
      action: 'wfm_schedule.deleted',
      entityType: 'wfm_schedule',
      entityId: id,
      before: { name: row.name },
    });
  });
}

/** The caller's shifts in published schedules over the period. */
export async function myShifts(ctx: Context, actor: UserActor, query: { from: string; to: string }) {
  const rows = await repo.publishedShifts(ctx.db, new Date(query.from), new Date(query.to), actor.userId);
  return { data: rows.map(presentShift), next_cursor: null };
}

/** Adherence and conformance per agent over the period, from published shifts and routing's presence. */
export async function adherence(ctx: Context, query: { from: string; to: string; user_id?: number | undefined }) {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const shifts = await repo.publishedShifts(ctx.db, from, to, query.user_id);
  const userIds = query.user_id !== undefined ? [query.user_id] : [...new Set(shifts.map((s) => s.user_id))];
  const states = await agentStateIntervals(ctx.db, { userIds, from, to });
  const result = adherenceOf(
    shifts.map((s) => ({
      user_id: s.user_id,
      start: new Date(s.starts_at),
      end: new Date(s.ends_at),
      lunch_start: s.lunch_starts_at ? new Date(s.lunch_starts_at) : null,
      lunch_end: s.lunch_ends_at ? new Date(s.lunch_ends_at) : null,
    })),
    states,
    { from, to, intervalMinutes: SLOT_MS / 60_000 },
  );
  return {
    data: result.map((a) => ({ ...a, intervals: a.intervals.map((i) => ({ ...i, start: iso(i.start) as string })) })),
    next_cursor: null,
  };
}

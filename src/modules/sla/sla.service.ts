import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { findCustomerById, findOrganizationById } from '../customers/index.ts';
import { BusinessCalendar, type CalendarSpec } from './business-hours.ts';
import { type SlaPolicy, type SlaTarget, slaTargets, targetFor } from './sla-policy.ts';
import { clocksFor, currentPolicy, loadSlaSetup, type RecomputeAllResult, recomputeAll } from './sla-engine.ts';
import { requestRecompute } from './sla.jobs.ts';
import * as repo from './sla.repository.ts';
import type { CalendarInput, CalendarPatch, PolicyInput, PolicyPatch } from './sla.schemas.ts';

type Db = Context['db'];

/** Every channel a ticket may come in by (tickets.schemas.ts), in the order a statement lists them. */
export const statementChannels = ['email', 'web', 'portal', 'api', 'chat', 'messaging', 'social', 'voice'] as const;

// ── Calendars ──────────────────────────────────────────────────────────────

function checkCalendar(spec: CalendarSpec): void {
  try {
    new BusinessCalendar(spec);
  } catch (error) {
    if (error instanceof RangeError)
      throw validationError(`Business hours: ${error.message}.`, [{ path: 'weekly', message: error.message }]);
    throw error;
  }
}

async function usage(db: Db): Promise<Map<number, number[]>> {
  const rows = await db.selectFrom('sla_policies').select(['id', 'calendar_id']).orderBy('id').execute();
  const map = new Map<number, number[]>();
  for (const row of rows) map.set(row.calendar_id, [...(map.get(row.calendar_id) ?? []), row.id]);
  return map;
}

const presentCalendar = (row: repo.CalendarRow, usedBy: number[]) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  time_zone: row.time_zone,
  weekly: row.weekly,
  holidays: row.holidays,
  exceptions: row.exceptions,
  used_by_policies: usedBy,
  updated_at: iso(row.updated_at) as string,
});

export async function listCalendars(ctx: Context) {
  const rows = await repo.listCalendars(ctx.db);
  const used = await usage(ctx.db);
  return rows.map((row) => presentCalendar(row, used.get(row.id) ?? []));
}

export async function getCalendar(ctx: Context, id: number) {
  const row = await repo.findCalendar(ctx.db, id);
  if (!row) throw notFound('not_found', 'Business-hours calendar', id);
  return presentCalendar(row, (await usage(ctx.db)).get(id) ?? []);
}

function nameTaken(error: unknown, what: string, name: string | undefined): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('name_taken', `A ${what} named "${name}" already exists.`);
  throw error;
}

/** Throws validation_failed, name_taken. */
export async function createCalendar(ctx: Context, actor: UserActor, input: CalendarInput) {
  const spec: CalendarSpec = {
    time_zone: input.time_zone,
    weekly: input.weekly,
    holidays: input.holidays ?? [],
    exceptions: input.exceptions ?? [],
  };
  checkCalendar(spec);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'sla');
      const created = await trx
        .insertInto('business_hours_calendars')
        .values({
          name: input.name,
          description: input.description ?? '',
          time_zone: spec.time_zone,
          weekly: JSON.stringify(spec.weekly),
          holidays: JSON.stringify(spec.holidays),
          exceptions: JSON.stringify(spec.exceptions),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'business_hours.created',
        entityType: 'business_hours_calendar',
        entityId: created.id,
        after: input,
      });
      return created;
    })
    .catch((error) => nameTaken(error, 'calendar', input.name));
  return presentCalendar(row, []);
}

/** Throws not_found, validation_failed, name_taken. Queues the recomputation of the open tickets' clocks when the hours change. */
export async function updateCalendar(ctx: Context, actor: UserActor, id: number, input: CalendarPatch) {
  const existing = await repo.findCalendar(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Business-hours calendar', id);
  const spec: CalendarSpec = {
    time_zone: input.time_zone ?? existing.time_zone,
    weekly: input.weekly ?? existing.weekly,
    holidays: input.holidays ?? existing.holidays,
    exceptions: input.exceptions ?? existing.exceptions,
  };
  checkCalendar(spec);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'sla');
      if ((input.time_zone || input.weekly || input.holidays || input.exceptions) && (await usage(trx)).has(id))
        await requestRecompute(ctx, trx, 'calendar changed');
      const updated = await trx
        .updateTable('business_hours_calendars')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          time_zone: spec.time_zone,
          weekly: JSON.stringify(spec.weekly),
          holidays: JSON.stringify(spec.holidays),
          exceptions: JSON.stringify(spec.exceptions),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'business_hours.updated',
        entityType: 'business_hours_calendar',
        entityId: id,
        before: presentCalendar(existing, []),
        after: input,
      });
      return updated;
    })
    .catch((error) => nameTaken(error, 'calendar', input.name));
  const used = (await usage(ctx.db)).get(id) ?? [];
  return presentCalendar(row, used);
}

/** Throws not_found, conflict (a policy still counts in it). */
export async function deleteCalendar(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findCalendar(ctx.db, id);
  if (!existing) throw notFound('not_found', 'Business-hours calendar', id);
  const used = (await usage(ctx.db)).get(id) ?? [];
  if (used.length)
    throw new AppError('conflict', `Calendar ${id} is used by SLA policies ${used.join(', ')}; give them another calendar first.`, {
      policies: used,
    });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'sla');
    await trx.deleteFrom('business_hours_calendars').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, {
      action: 'business_hours.deleted',
      entityType: 'business_hours_calendar',
      entityId: id,
      before: presentCalendar(existing, []),
    });
  });
}

// ── Policies ───────────────────────────────────────────────────────────────

const presentPolicy = (row: repo.PolicyRow) => ({ ...repo.policyOf(row), updated_at: iso(row.updated_at) as string });

export async function listPolicies(ctx: Context) {
  return (await repo.listPolicies(ctx.db)).map(presentPolicy);
}

export async function getPolicy(ctx: Context, id: number) {
  const row = await repo.findPolicy(ctx.db, id);
  if (!row) throw notFound('not_found', 'SLA policy', id);
  return presentPolicy(row);
}

async function checkCalendarExists(db: Db, calendarId: number | undefined): Promise<void> {
  if (calendarId === undefined) return;
  if (!(await repo.findCalendar(db, calendarId))) {
    throw validationError(`Business-hours calendar ${calendarId} does not exist.`, [{ path: 'calendar_id', message: 'unknown calendar' }]);
  }
}

/** Renumbers positions 0…n-1 in the given order. */
async function renumber(trx: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`update sla_policies p set position = o.ordinality - 1
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) with ordinality as o(id, ordinality)
    where p.id = o.id::bigint and p.position <> o.ordinality - 1`.execute(trx);
}

/** Puts `id` at `position` (0 = first) among the others, keeping their order. */
async function place(trx: Db, id: number, position: number | undefined): Promise<void> {
  const others = (await trx.selectFrom('sla_policies').select('id').where('id', '<>', id).orderBy('position').orderBy('id').execute()).map(
    (r) => r.id,
  );
  const at = Math.min(position ?? others.length, others.length);
  await renumber(trx, [...others.slice(0, at), id, ...others.slice(at)]);
}

/** Throws validation_failed, name_taken. Queues the recomputation of the open tickets' clocks (the `sla.recompute_all` job). */
export async function createPolicy(ctx: Context, actor: UserActor, input: PolicyInput) {
  await checkCalendarExists(ctx.db, input.calendar_id);
  const now = ctx.clock.now();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'sla');
      await requestRecompute(ctx, trx, 'policy created');
      const created = await trx
        .insertInto('sla_policies')
        .values({
          name: input.name,
          description: input.description ?? '',
          position: 1_000_000,
          active: input.active ?? true,
          calendar_id: input.calendar_id,
          conditions: JSON.stringify(input.conditions ?? {}),
          targets: JSON.stringify(input.targets),
          pause_statuses: input.pause_statuses ?? ['pending', 'on_hold'],
          on_reopen: input.on_reopen ?? 'resume',
          warning_thresholds: input.warning_thresholds ?? [75],
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await place(trx, created.id, input.position);
      await recordAudit(trx, actor, now, { action: 'sla_policy.created', entityType: 'sla_policy', entityId: created.id, after: input });
      return created.id;
    })
    .catch((error) => nameTaken(error, 'policy', input.name));
  return getPolicy(ctx, id);
}

/** Throws not_found, validation_failed, name_taken. Queues the recomputation of the open tickets' clocks (the `sla.recompute_all` job). */
export async function updatePolicy(ctx: Context, actor: UserActor, id: number, input: PolicyPatch) {
  const existing = await repo.findPolicy(ctx.db, id);
  if (!existing) throw notFound('not_found', 'SLA policy', id);
  await checkCalendarExists(ctx.db, input.calendar_id);
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await ctx.cache.changed(trx, 'sla');
      await requestRecompute(ctx, trx, 'policy changed');
      await trx
        .updateTable('sla_policies')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.calendar_id !== undefined ? { calendar_id: input.calendar_id } : {}),
          ...(input.conditions !== undefined ? { conditions: JSON.stringify(input.conditions) } : {}),
          ...(input.targets !== undefined ? { targets: JSON.stringify(input.targets) } : {}),
          ...(input.pause_statuses !== undefined ? { pause_statuses: input.pause_statuses } : {}),
          ...(input.on_reopen !== undefined ? { on_reopen: input.on_reopen } : {}),
          ...(input.warning_thresholds !== undefined ? { warning_thresholds: input.warning_thresholds } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (input.position !== undefined) await place(trx, id, input.position);
      await recordAudit(trx, actor, now, {
        action: 'sla_policy.updated',
        entityType: 'sla_policy',
        entityId: id,
        before: presentPolicy(existing),
        after: input,
      });
    })
    .catch((error) => nameTaken(error, 'policy', input.name));
  return getPolicy(ctx, id);
}

/** Throws not_found. Queues the recomputation of the open tickets' clocks (the next policy in order takes over). */
export async function deletePolicy(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const existing = await repo.findPolicy(ctx.db, id);
  if (!existing) throw notFound('not_found', 'SLA policy', id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'sla');
    await requestRecompute(ctx, trx, 'policy deleted');
    await trx.deleteFrom('sla_policies').where('id', '=', id).execute();
    const rest = (await trx.selectFrom('sla_policies').select('id').orderBy('position').orderBy('id').execute()).map((r) => r.id);
    await renumber(trx, rest);
    await recordAudit(trx, actor, now, {
      action: 'sla_policy.deleted',
      entityType: 'sla_policy',
      entityId: id,
      before: presentPolicy(existing),
    });
  });
}

/** Sets the order of every policy. Throws validation_failed unless `ids` names each policy once. */
export async function reorderPolicies(ctx: Context, actor: UserActor, ids: number[]) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'sla');
    await requestRecompute(ctx, trx, 'policies reordered');
    const current = (await trx.selectFrom('sla_policies').select('id').orderBy('position').orderBy('id').forUpdate().execute()).map(
      (r) => r.id,
    );
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
      throw validationError(`Give every policy id exactly once (${current.join(', ')}).`, [
        { path: 'ids', message: 'must be a permutation of the policy ids' },
      ]);
    }
    await renumber(trx, ids);
    await recordAudit(trx, actor, now, {
      action: 'sla_policy.reordered',
      entityType: 'sla_policy',
      entityId: 'order',
      before: current,
      after: ids,
    });
  });
  return listPolicies(ctx);
}

/** Admin: recompute every open ticket's clocks now. */
export async function recomputeOpenTickets(ctx: Context): Promise<RecomputeAllResult> {
  return recomputeAll(ctx.db, ctx.clock.now());
}

// ── Reading clocks ─────────────────────────────────────────────────────────

/**
 * A ticket's clocks as of now, computed live from its events (so the remaining time is exact),
 * with what has been notified from the stored state. Throws ticket_not_found.
 */
export async function ticketSla(ctx: Context, ticketId: number) {
  const [facts] = await repo.ticketFacts(ctx.db, [ticketId]);
  if (!facts) throw notFound('ticket_not_found', 'Ticket', ticketId);
  const now = ctx.clock.now();
  const setup = await loadSlaSetup(ctx.db);
  const events = await repo.clockEvents(ctx.db, [ticketId]);
  const stored = await repo.clocksOf(ctx.db, ticketId);
  const notified = new Map(stored.map((s) => [s.target, s]));
  const policy = currentPolicy(setup, facts);
  const clocks = clocksFor(setup, facts, events, now).map((c) => {
    const saved = notified.get(c.target);
    return {
      target: c.target,
      status: c.status,
      cycle: c.cycle,
      policy_id: c.policy_id,
      target_minutes: c.target_minutes,
      business_hours: c.business_hours,
      started_at: iso(c.started_at) as string,
      due_at: iso(c.due_at),
      due_in_ms: c.due_at ? c.due_at.getTime() - now.getTime() : null,
      remaining_ms: c.remaining_ms,
      elapsed_ms: c.elapsed_ms,
      paused_ms: c.paused_ms,
      breached_at: iso(c.breached_at),
      met_at: iso(c.met_at),
      stopped_at: iso(c.stopped_at),
      warning_at: iso(c.warning_at),
      cycles_met: c.cycles_met,
      cycles_breached: c.cycles_breached,
      breach_notified_at: saved && saved.cycle === c.cycle ? iso(saved.breach_notified_at) : null,
    };
  });
  return { ticket_id: ticketId, policy: policy ? { id: policy.id, name: policy.name } : null, clocks, computed_at: iso(now) as string };
}

/** Live deadlines due within `withinMinutes` (and overdue ones), soonest first: the "SLA at risk" list. */
export async function atRisk(ctx: Context, query: { within_minutes: number; limit: number }) {
  const now = ctx.clock.now();
  const rows = await repo.liveClocksDueBefore(ctx.db, new Date(now.getTime() + query.within_minutes * 60_000), query.limit);
  return {
    data: rows.map((r) => {
      const due = new Date(r.due_at as Date);
      return {
        ticket_id: r.ticket_id,
        subject: r.subject,
        priority: r.priority,
        assignee_id: r.assignee_id,
        group_id: r.group_id,
        target: r.target,
        due_at: due.toISOString(),
        due_in_ms: due.getTime() - now.getTime(),
        overdue: due.getTime() < now.getTime(),
      };
    }),
  };
}

// ── Customer-facing statement ──────────────────────────────────────────────

/** Agents see every organization's statement; a customer sees their own organization's. Throws organization_not_found. */
async function visibleOrganization(ctx: Context, actor: UserActor, id: number) {
  const organization = await findOrganizationById(ctx.db, id);
  let allowed = can(actor.role, 'tickets.read_all');
  if (!allowed && actor.role === 'customer' && actor.customerId !== null) {
    allowed = (await findCustomerById(ctx.db, actor.customerId))?.organization_id === id;
  }
  if (!organization || !allowed) throw notFound('organization_not_found', 'Organization', id);
  return organization;
}

/**
 * The targets that apply to an organization's customers, for each channel and priority (tickets
 * without a category; policies limited to categories are listed apart).
 */
export async function organizationSla(ctx: Context, actor: UserActor, id: number) {
  const organization = await visibleOrganization(ctx, actor, id);
  const setup = await loadSlaSetup(ctx.db);
  const calendarRows = await repo.listCalendars(ctx.db);
  const used = new Set<number>();
  const pauses = new Set<string>();
  const rows = statementChannels.flatMap((channel) =>
    (['p1', 'p2', 'p3', 'p4'] as const).map((priority) => {
      const policy: SlaPolicy | null = setup.select({
        priority,
        channel,
        organization_id: id,
        value_tiers: [organization.value_tier],
        category_path: [],
      });
      const targets = Object.fromEntries(
        slaTargets.map((target: SlaTarget) => {
          const spec = policy ? targetFor(policy, target, priority) : null;
          if (spec && policy) {
            if (spec.business_hours) used.add(policy.calendar_id);
            if (target !== 'first_response') for (const s of policy.pause_statuses) pauses.add(s);
          }
          return [
            target,
            spec && policy ? { minutes: spec.minutes, business_hours: spec.business_hours, calendar_id: policy.calendar_id } : null,
          ];
        }),
      ) as Record<SlaTarget, { minutes: number; business_hours: boolean; calendar_id: number } | null>;
      return { channel, priority, policy: policy ? { id: policy.id, name: policy.name } : null, targets };
    }),
  );
  return {
    organization: { id: organization.id, name: organization.name, value_tier: organization.value_tier },
    rows,
    calendars: calendarRows
      .filter((c) => used.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, time_zone: c.time_zone, weekly: c.weekly, holidays: c.holidays })),
    category_specific_policies: setup.policies
      .filter((p) => p.active && p.conditions.category_ids)
      .map((p) => ({ id: p.id, name: p.name })),
    pause_statuses: [...pauses],
  };
}

import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { readCostSettings } from './cost-settings.ts';
import { existingTables, type Range } from './metric-facts.repository.ts';
import { isTimeZone, parseBound } from './periods.ts';
import * as problems from './problems.repository.ts';
import * as repo from './root-cause.repository.ts';

/** Root cause: contact drivers ranked by what they cost, and problem records with remediation payback. */
const DAY = 86_400_000;
/** The average month (365.25 / 12 days) that turns a range's cost into a monthly one. */
export const MONTH_DAYS = 30.4375;

export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
  tz?: string | undefined;
}

/** The range asked for, or the 30 days up to now. Throws validation_failed. */
function rangeOf(query: RangeQuery, now: Date): Range {
  const zone = query.tz ?? 'UTC';
  if (!isTimeZone(zone)) throw validationError(`tz: ${zone} is not an IANA time zone`, [{ path: 'tz', message: 'unknown time zone' }]);
  const to = query.to !== undefined ? parseBound(query.to, zone, 'to') : now;
  const from = query.from !== undefined ? parseBound(query.from, zone, 'from') : to && new Date(to.getTime() - 30 * DAY);
  if (!from || !to)
    throw validationError('from/to: give dates (YYYY-MM-DD) or ISO instants with an offset', [
      { path: from ? 'to' : 'from', message: 'invalid' },
    ]);
  if (!(from < to) || to.getTime() - from.getTime() > 732 * DAY)
    throw validationError('The range must end after it starts and cover at most 732 days.', [{ path: 'to', message: 'invalid range' }]);
  return { from, to };
}

const days = (r: Range) => (r.to.getTime() - r.from.getTime()) / DAY;
const perContact = (w: { cost_cents: number | null; costed: number }) =>
  w.cost_cents === null || w.costed === 0 ? null : w.cost_cents / w.costed;

/**
 * Contact drivers (category, resolution code or tag) of the tickets opened in the range, ranked by
 * volume × cost: each driver's share of contacts, AHT, cost and monthly cost (contacts × AHT × loaded
 * hourly cost), and its trend against the range before. Throws validation_failed.
 */
export async function listDrivers(ctx: Context, query: RangeQuery & { by?: repo.DriverKind | undefined; limit?: number | undefined }) {
  const range = rangeOf(query, ctx.clock.now());
  const by = query.by ?? 'category';
  const previous = { from: new Date(range.from.getTime() - (range.to.getTime() - range.from.getTime())), to: range.from };
  const [costs, tables] = await Promise.all([readCostSettings(ctx.db), existingTables(ctx.db, ['calls'])]);
  const withCalls = tables.has('calls');
  const [current, before, total] = await Promise.all([
    repo.driverFigures(ctx.db, by, range, costs, withCalls),
    repo.driverFigures(ctx.db, by, previous, costs, withCalls),
    repo.countTickets(ctx.db, range),
  ]);
  const labels =
    by === 'category'
      ? await repo.categoryNames(
          ctx.db,
          current.flatMap((r) => (r.driver === null ? [] : [Number(r.driver)])),
        )
      : by === 'resolution_code'
        ? await repo.resolutionLabels(ctx.db)
        : new Map<string, string>();
  const monthly = MONTH_DAYS / days(range);
  const drivers = current.map((r) => {
    const cost = r.cost_cents === null ? null : Math.round(r.cost_cents);
    const previousContacts = before.find((b) => b.driver === r.driver)?.contacts ?? 0;
    return {
      driver: by === 'category' && r.driver !== null ? Number(r.driver) : r.driver,
      label:
        r.driver === null
          ? 'Unassigned'
          : ((labels as Map<unknown, string>).get(by === 'category' ? Number(r.driver) : r.driver) ?? r.driver),
      contacts: r.contacts,
      share: total ? r.contacts / total : 0,
      aht_seconds: r.costed ? r.handle_s / r.costed : null,
      cost_cents: cost,
      monthly_cost_cents: r.cost_cents === null ? null : Math.round(r.cost_cents * monthly),
      previous_contacts: previousContacts,
      trend: previousContacts ? (r.contacts - previousContacts) / previousContacts : null,
    };
  });
  drivers.sort((a, b) => (b.monthly_cost_cents ?? -1) - (a.monthly_cost_cents ?? -1) || b.contacts - a.contacts);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    by,
    currency: costs.currency,
    total_contacts: total,
    ...(costs.loaded_hourly_cost_cents === null && Object.values(costs.channels).every((c) => c.loaded_hourly_cost_cents == null)
      ? { missing: 'no loaded hourly cost configured: costs are null' }
      : {}),
    data: drivers.slice(0, query.limit ?? 10),
  };
}

export interface ProblemInput {
  title: string;
  description?: string | undefined;
  status?: 'open' | 'fixing' | 'resolved' | 'closed' | undefined;
  category_id?: number | null | undefined;
  tag?: string | null | undefined;
  resolution_code?: string | null | undefined;
  owner_user_id?: number | null | undefined;
  fix_description?: string | undefined;
  fix_started_at?: string | null | undefined;
  fix_cost_cents?: number | null | undefined;
  window_days?: number | undefined;
}

const presentProblem = (row: problems.ProblemRow) => ({
  id: Number(row.id),
  title: row.title,
  description: row.description,
  status: row.status,
  category_id: row.category_id === null ? null : Number(row.category_id),
  tag: row.tag,
  resolution_code: row.resolution_code,
  owner_user_id: row.owner_user_id === null ? null : Number(row.owner_user_id),
  fix_description: row.fix_description,
  fix_started_at: row.fix_started_at ? new Date(row.fix_started_at).toISOString() : null,
  fix_cost_cents: row.fix_cost_cents === null ? null : Number(row.fix_cost_cents),
  window_days: row.window_days,
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});
export type ProblemView = ReturnType<typeof presentProblem>;

function values(input: Partial<ProblemInput>) {
  const { fix_started_at, ...rest } = input;
  return {
    ...rest,
    ...(fix_started_at !== undefined ? { fix_started_at: fix_started_at === null ? null : new Date(fix_started_at) } : {}),
  };
}

async function checkProblem(db: Context['db'], input: Partial<ProblemInput>): Promise<void> {
  const found = await problems.checkReferences(db, input);
  if (found.length) throw validationError(found.map((p) => `${p.path}: ${p.message}`).join('; '), found);
}

/** Opens a problem record (audited). Throws validation_failed. */
export async function createProblem(ctx: Context, actor: Actor, input: ProblemInput): Promise<ProblemView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await checkProblem(trx, input);
    const row = await problems.insertProblem(trx, {
      ...values(input),
      title: input.title,
      created_by_user_id: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const view = presentProblem(row);
    await recordAudit(trx, actor, now, { action: 'problem.created', entityType: 'problem', entityId: view.id, after: view });
    return view;
  });
}

/** Changes a problem record (audited). Throws not_found, validation_failed. */
export async function updateProblem(ctx: Context, actor: Actor, id: number, input: Partial<ProblemInput>): Promise<ProblemView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await problems.findProblem(trx, id, true);
    if (!existing) throw notFound('not_found', 'Problem', id);
    await checkProblem(trx, input);
    const row = await problems.updateProblemRow(trx, id, { ...values(input), updated_at: now });
    const view = presentProblem(row);
    await recordAudit(trx, actor, now, {
      action: 'problem.updated',
      entityType: 'problem',
      entityId: id,
      before: presentProblem(existing),
      after: view,
    });
    return view;
  });
}

/** Throws not_found. */
export async function deleteProblem(ctx: Context, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await problems.deleteProblemRow(trx, id);
    if (!row) throw notFound('not_found', 'Problem', id);
    await recordAudit(trx, actor, now, { action: 'problem.deleted', entityType: 'problem', entityId: id, before: presentProblem(row) });
  });
}

export async function listProblems(ctx: Context, query: { cursor?: string | undefined; limit: number; status?: string | undefined }) {
  const afterId = query.cursor !== undefined ? Number(query.cursor) : undefined;
  if (afterId !== undefined && !(Number.isSafeInteger(afterId) && afterId > 0))
    throw new AppError('invalid_query', 'cursor: use the next_cursor of the previous page.');
  const rows = await problems.listProblemRows(ctx.db, { afterId, limit: query.limit, status: query.status });
  const page = rows.slice(0, query.limit);
  return { data: page.map(presentProblem), next_cursor: rows.length > query.limit ? String(page.at(-1)?.id) : null };
}

/** Links tickets to a problem by hand. Throws not_found, validation_failed. */
export async function linkProblemTickets(ctx: Context, actor: Actor, id: number, ticketIds: number[]) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await problems.findProblem(trx, id, true))) throw notFound('not_found', 'Problem', id);
    const unique = [...new Set(ticketIds)];
    const found = await problems.existingTicketIds(trx, unique);
    const missing = unique.filter((t) => !found.includes(t));
    if (missing.length)
      throw validationError(`ticket_ids: no tickets ${missing.join(', ')}`, [{ path: 'ticket_ids', message: 'unknown ticket' }]);
    await problems.linkTickets(trx, id, unique, actor.userId, now);
    await recordAudit(trx, actor, now, {
      action: 'problem.tickets_linked',
      entityType: 'problem',
      entityId: id,
      after: { ticket_ids: unique },
    });
    return { linked: await problems.linkedCount(trx, id) };
  });
}

/** Throws not_found. */
export async function unlinkProblemTicket(ctx: Context, actor: Actor, id: number, ticketId: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await problems.unlinkTicket(trx, id, ticketId))) throw notFound('not_found', `Ticket ${ticketId} on problem`, id);
    await recordAudit(trx, actor, now, {
      action: 'problem.ticket_unlinked',
      entityType: 'problem',
      entityId: id,
      before: { ticket_id: ticketId },
    });
  });
}

/**
 * A problem with its figures over the range (contacts, share, cost, monthly cost, trend against the
 * range before) and, once a fix has started, the pilot: contacts per day and contact rate in the
 * window before the fix and after it (window_days each, the after window up to now), the monthly
 * saving ((before − after contacts per day) × 30.4375 × cost per contact before) and the payback
 * in months (fix cost / monthly saving). Throws not_found, validation_failed.
 */
export async function getProblem(ctx: Context, id: number, query: RangeQuery) {
  const now = ctx.clock.now();
  const range = rangeOf(query, now);
  const row = await problems.findProblem(ctx.db, id);
  if (!row) throw notFound('not_found', 'Problem', id);
  const [costs, tables] = await Promise.all([readCostSettings(ctx.db), existingTables(ctx.db, ['calls'])]);
  const withCalls = tables.has('calls');
  const match = { id: Number(row.id), category_id: row.category_id, tag: row.tag, resolution_code: row.resolution_code };
  const previous = { from: new Date(range.from.getTime() - (range.to.getTime() - range.from.getTime())), to: range.from };
  const [current, before] = await Promise.all([
    repo.problemWindow(ctx.db, match, range, costs, withCalls),
    repo.problemWindow(ctx.db, match, previous, costs, withCalls),
  ]);
  return {
    ...presentProblem(row),
    currency: costs.currency,
    figures: {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      contacts: current.contacts,
      share: current.total ? current.contacts / current.total : 0,
      aht_seconds: current.costed ? current.handle_s / current.costed : null,
      cost_cents: current.cost_cents === null ? null : Math.round(current.cost_cents),
      monthly_cost_cents: current.cost_cents === null ? null : Math.round((current.cost_cents * MONTH_DAYS) / days(range)),
      previous_contacts: before.contacts,
      trend: before.contacts ? (current.contacts - before.contacts) / before.contacts : null,
    },
    pilot: row.fix_started_at ? await pilotFigures(ctx, match, row, costs, withCalls, now) : null,
  };
}

async function pilotFigures(
  ctx: Context,
  match: { id: number; category_id: number | null; tag: string | null; resolution_code: string | null },
  row: problems.ProblemRow,
  costs: Awaited<ReturnType<typeof readCostSettings>>,
  withCalls: boolean,
  now: Date,
) {
  const start = new Date(row.fix_started_at as Date);
  const window = row.window_days * DAY;
  const beforeRange = { from: new Date(start.getTime() - window), to: start };
  const afterEnd = new Date(Math.min(start.getTime() + window, now.getTime()));
  const afterRange = { from: start, to: afterEnd };
  const before = await repo.problemWindow(ctx.db, match, beforeRange, costs, withCalls);
  const after = afterEnd > start ? await repo.problemWindow(ctx.db, match, afterRange, costs, withCalls) : undefined;
  const side = (r: Range, w: repo.ProblemWindow | undefined) => ({
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    days: Math.max(0, days(r)),
    contacts: w?.contacts ?? 0,
    total_contacts: w?.total ?? 0,
    contact_rate: w?.total ? w.contacts / w.total : null,
    contacts_per_day: w && days(r) > 0 ? w.contacts / days(r) : null,
  });
  const b = side(beforeRange, before);
  const a = side(afterRange, after);
  const costPerContact = perContact(before);
  const saving =
    a.contacts_per_day === null || b.contacts_per_day === null || costPerContact === null
      ? null
      : (b.contacts_per_day - a.contacts_per_day) * MONTH_DAYS * costPerContact;
  const fixCost = row.fix_cost_cents === null ? null : Number(row.fix_cost_cents);
  return {
    before: b,
    after: { ...a, complete: start.getTime() + window <= now.getTime() },
    cost_per_contact_cents: costPerContact === null ? null : Math.round(costPerContact),
    monthly_saving_cents: saving === null ? null : Math.round(saving),
    payback_months: saving !== null && saving > 0 && fixCost !== null ? fixCost / saving : null,
  };
}

export async function problemTickets(ctx: Context, id: number, limit: number) {
  const row = await problems.findProblem(ctx.db, id);
  if (!row) throw notFound('not_found', 'Problem', id);
  return {
    ticket_ids: await repo.problemTicketIds(
      ctx.db,
      { id: Number(row.id), category_id: row.category_id, tag: row.tag, resolution_code: row.resolution_code },
      limit,
    ),
  };
}

import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type CostSettings, hourlyCostFor, standardHandleSecondsFor } from './cost-settings.ts';
import type { Range } from './metric-facts.repository.ts';

/** SQL for contact drivers and problem records: which tickets a driver covers and what they cost. */
type Db = Kysely<Database>;

export type DriverKind = 'category' | 'resolution_code' | 'tag';

/**
 * A ticket's handling seconds (its answered calls' talk + hold + wrap-up, else the channel's
 * standard handling time) and the loaded hourly cost of its channel, from the cost settings.
 */
function costColumns(costs: CostSettings, withCalls: boolean): RawBuilder<unknown> {
  const channels = Object.keys(costs.channels);
  const standard = JSON.stringify(Object.fromEntries(channels.map((c) => [c, standardHandleSecondsFor(costs, c)])));
  const rates = JSON.stringify(Object.fromEntries(channels.map((c) => [c, hourlyCostFor(costs, c)])));
  const tracked = withCalls
    ? sql`(select sum(coalesce(k.talk_seconds, 0) + coalesce(k.hold_seconds, 0) + coalesce(k.wrap_up_seconds, 0))::float8
        from calls k where k.ticket_id = t.id and k.answered_at is not null and k.ended_at is not null)`
    : sql`null::float8`;
  return sql`coalesce(${tracked}, (${standard}::jsonb ->> t.channel)::float8, ${costs.standard_handle_seconds}::float8) as handle_s,
    coalesce((${rates}::jsonb ->> t.channel)::float8, ${costs.loaded_hourly_cost_cents}::float8) as rate`;
}

const driverKey: Record<DriverKind, RawBuilder<unknown>> = {
  category: sql`t.category_id::text`,
  resolution_code: sql`t.resolution_code`,
  tag: sql`tag.value`,
};

export interface DriverRow {
  driver: string | null;
  contacts: number;
  costed: number;
  handle_s: number;
  cost_cents: number | null;
}

/** Tickets opened in the range grouped by driver, with handling time and labour cost. */
export async function driverFigures(db: Db, kind: DriverKind, range: Range, costs: CostSettings, withCalls: boolean): Promise<DriverRow[]> {
  const tags = kind === 'tag' ? sql`cross join lateral unnest(t.tags) as tag(value)` : sql``;
  const result = await sql<DriverRow>`
    with f as (
      select ${driverKey[kind]} as driver, ${costColumns(costs, withCalls)}
      from tickets t ${tags}
      where t.created_at >= ${range.from} and t.created_at < ${range.to} and t.merged_into_id is null
    )
    select driver, count(*)::int as contacts, count(handle_s)::int as costed, coalesce(sum(handle_s), 0)::float8 as handle_s,
      sum(handle_s / 3600 * rate)::float8 as cost_cents
    from f group by driver`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    contacts: Number(r.contacts),
    costed: Number(r.costed),
    handle_s: Number(r.handle_s),
    cost_cents: r.cost_cents === null ? null : Number(r.cost_cents),
  }));
}

export async function countTickets(db: Db, range: Range): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

type ProblemMatch = { id: number; category_id: number | null; tag: string | null; resolution_code: string | null };

/** The tickets a problem covers: its category (or a sub-category), its tag, its resolution code, or linked by hand. */
const problemCovers = (p: ProblemMatch) => sql`(
  ${p.category_id !== null ? sql`t.category_id = ${p.category_id} or t.category_id in (select id from categories where parent_id = ${p.category_id})` : sql`false`}
  or ${p.tag !== null ? sql`${p.tag} = any(t.tags)` : sql`false`}
  or ${p.resolution_code !== null ? sql`t.resolution_code = ${p.resolution_code}` : sql`false`}
  or exists (select 1 from problem_tickets pt where pt.problem_id = ${p.id} and pt.ticket_id = t.id))`;

export interface ProblemWindow {
  contacts: number;
  total: number;
  costed: number;
  handle_s: number;
  cost_cents: number | null;
}

/** A problem's tickets opened in the range, all tickets opened in it, and the problem tickets' cost. */
export async function problemWindow(
  db: Db,
  problem: ProblemMatch,
  range: Range,
  costs: CostSettings,
  withCalls: boolean,
): Promise<ProblemWindow> {
  const result = await sql<ProblemWindow>`
    with f as (
      select ${problemCovers(problem)} as covered, ${costColumns(costs, withCalls)}
      from tickets t
      where t.created_at >= ${range.from} and t.created_at < ${range.to} and t.merged_into_id is null
    )
    select count(*) filter (where covered)::int as contacts, count(*)::int as total,
      count(handle_s) filter (where covered)::int as costed,
      coalesce(sum(handle_s) filter (where covered), 0)::float8 as handle_s,
      sum(handle_s / 3600 * rate) filter (where covered)::float8 as cost_cents
    from f`.execute(db);
  const r = result.rows[0];
  return {
    contacts: Number(r?.contacts ?? 0),
    total: Number(r?.total ?? 0),
    costed: Number(r?.costed ?? 0),
    handle_s: Number(r?.handle_s ?? 0),
    cost_cents: r?.cost_cents == null ? null : Number(r.cost_cents),
  };
}

/** The ids of a problem's tickets (newest first). */
export async function problemTicketIds(db: Db, problem: ProblemMatch, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select t.id from tickets t where t.merged_into_id is null and ${problemCovers(problem)} order by t.created_at desc, t.id desc limit ${limit}`.execute(
    db,
  );
  return result.rows.map((r) => Number(r.id));
}

export async function categoryNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export async function resolutionLabels(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('resolution_codes').select(['code', 'label']).execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

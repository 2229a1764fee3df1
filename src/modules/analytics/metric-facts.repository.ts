import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Interval } from './periods.ts';

/**
 * The facts each metric counts, as SQL: one row per ticket, call, clock or answer, with the time it
 * counts at (`at`), the dimensions it can be grouped by and the flags the metric needs. The only
 * file (with problems.repository.ts) that knows the tables.
 */
type Db = Kysely<Database>;
type Fact = RawBuilder<unknown>;

export const dimensions = ['channel', 'group', 'agent', 'category', 'organization', 'value_tier'] as const;
export type Dimension = (typeof dimensions)[number];
export const dimensionColumn: Record<Dimension, string> = {
  channel: 'channel',
  group: 'group_id',
  agent: 'agent_id',
  category: 'category_id',
  organization: 'organization_id',
  value_tier: 'value_tier',
};

export interface Range {
  from: Date;
  to: Date;
}

/** A ticket's dimensions: its channel, group, assignee, category, organization and value tier (the organization's, else the requester's). */
const ticketDims = sql`t.id as ticket_id, t.channel, t.group_id, t.assignee_id as agent_id, t.category_id, t.organization_id,
  coalesce(o.value_tier, c.value_tier) as value_tier`;
const ticketJoins = sql`left join customers c on c.id = t.requester_id left join organizations o on o.id = t.organization_id`;

/** Tickets opened in the range (merged duplicates are counted in the ticket they were merged into). */
export const createdFacts = (r: Range): Fact => sql`
  select t.created_at as at, ${ticketDims}
  from tickets t ${ticketJoins}
  where t.created_at >= ${r.from} and t.created_at < ${r.to} and t.merged_into_id is null`;

const escalatedSql = sql`exists (select 1 from ticket_events e where e.ticket_id = t.id and (e.type = 'ticket.escalated'
  or (e.type = 'ticket.field_changed' and e.field = 'tier' and (e.after #>> '{}')::int > (e.before #>> '{}')::int)))`;

/**
 * Tickets solved in the range (solved or closed now, by their latest solve), with the FCR test:
 * at most one agent touch (public written replies; a chat conversation and each answered call count
 * as one), never reopened, never escalated, and no other ticket from the same requester in the same
 * category (uncategorised counts as one) from its creation to 7 days after it was solved.
 */
export const solvedFacts = (r: Range, withCalls: boolean): Fact => sql`
  select t.solved_at as at, ${ticketDims}, t.tier,
    ${escalatedSql} as escalated,
    (
      (select count(*) from ticket_comments cm where cm.ticket_id = t.id and cm.public and cm.author_user_id is not null
        and cm.channel not in ('chat', 'voice'))
      + (case when exists (select 1 from ticket_comments cm where cm.ticket_id = t.id and cm.public and cm.author_user_id is not null
        and cm.channel = 'chat') then 1 else 0 end)
      + ${withCalls ? sql`(select count(*) from calls k where k.ticket_id = t.id and k.answered_at is not null)` : sql`0`} <= 1
      and not exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'ticket.reopened')
      and not ${escalatedSql}
      and not exists (select 1 from tickets t2 where t2.requester_id = t.requester_id and t2.id <> t.id
        and t2.category_id is not distinct from t.category_id
        and t2.created_at > t.created_at and t2.created_at <= t.solved_at + interval '7 days')
    ) as fcr
  from tickets t ${ticketJoins}
  where t.status in ('solved', 'closed') and t.solved_at >= ${r.from} and t.solved_at < ${r.to} and t.merged_into_id is null`;

/** Tickets solved for the first time in the range, and whether they were reopened since. */
export const firstSolveFacts = (r: Range): Fact => sql`
  select s.created_at as at, ${ticketDims},
    exists (select 1 from ticket_events x where x.ticket_id = t.id and x.type = 'ticket.reopened' and x.created_at >= s.created_at) as reopened
  from ticket_events s
  join tickets t on t.id = s.ticket_id ${ticketJoins}
  where s.type = 'ticket.field_changed' and s.field = 'status' and s.after #>> '{}' = 'solved'
    and s.created_at >= ${r.from} and s.created_at < ${r.to} and t.merged_into_id is null
    and not exists (select 1 from ticket_events p where p.ticket_id = s.ticket_id and p.type = 'ticket.field_changed' and p.field = 'status'
      and p.after #>> '{}' = 'solved' and (p.created_at, p.id) < (s.created_at, s.id))`;

/**
 * The unsolved tickets at the instant `snapshot` (counted at `at`), with their age in seconds. For a
 * past instant the status is replayed from the events; for now it is the current status.
 */
export const backlogFacts = (snapshot: Date, at: Date, now: Date): Fact => {
  const current = snapshot.getTime() >= now.getTime();
  const status = current
    ? sql`t.status`
    : sql`coalesce(
        (select e.after #>> '{}' from ticket_events e where e.ticket_id = t.id and e.type = 'ticket.field_changed' and e.field = 'status'
          and e.created_at < ${snapshot} order by e.created_at desc, e.id desc limit 1),
        (select e.after ->> 'status' from ticket_events e where e.ticket_id = t.id and e.type = 'ticket.created' order by e.id limit 1),
        'new')`;
  return sql`
    select ${at}::timestamptz as at, ${ticketDims}, extract(epoch from (${snapshot}::timestamptz - t.created_at))::float8 as age_s
    from tickets t ${ticketJoins}
    where t.created_at < ${snapshot} and ${status} not in ('solved', 'closed')
      and ${
        current
          ? sql`t.merged_into_id is null`
          : sql`(t.merged_into_id is null or not exists (select 1 from ticket_events m
        where m.ticket_id = t.id and m.type = 'ticket.merged' and m.created_at < ${snapshot}))`
      }`;
};

/**
 * SLA clocks decided in the range: met on time (at met_at) or breached (at breached_at, met late or
 * not; a running clock whose deadline has passed is breached at its deadline, even before the breach
 * detection has stored it).
 */
export const slaFacts = (r: Range, now: Date): Fact => sql`
  select k.decided_at as at, ${ticketDims}, k.target, k.met
  from (
    select ticket_id, target, status = 'met' as met,
      case when status = 'met' then met_at when status = 'running' and breached_at is null then due_at else breached_at end as decided_at
    from sla_clocks
    where status in ('met', 'met_late', 'breached') or (status = 'running' and due_at < ${now})
  ) k
  join tickets t on t.id = k.ticket_id ${ticketJoins}
  where t.merged_into_id is null and k.decided_at >= ${r.from} and k.decided_at < ${r.to}`;

/** Calls that rang in the range, with the dimensions of their ticket (or caller). */
export const callFacts = (r: Range): Fact => sql`
  select k.ringing_at as at, t.id as ticket_id, 'voice'::text as channel, t.group_id, k.agent_id, t.category_id,
    coalesce(t.organization_id, cu.organization_id) as organization_id, coalesce(o.value_tier, cu.value_tier) as value_tier,
    k.direction = 'inbound' as inbound, k.answered_at is not null as answered, k.status = 'abandoned' as abandoned,
    k.queue_wait_seconds::float8 as wait_s,
    (coalesce(k.talk_seconds, 0) + coalesce(k.hold_seconds, 0) + coalesce(k.wrap_up_seconds, 0))::float8 as handle_s,
    k.ended_at is not null as ended
  from calls k
  left join tickets t on t.id = k.ticket_id
  left join customers cu on cu.id = coalesce(t.requester_id, k.customer_id)
  left join organizations o on o.id = coalesce(t.organization_id, cu.organization_id)
  where k.ringing_at >= ${r.from} and k.ringing_at < ${r.to}`;

/** Survey answers of one kind given in the range. */
export const surveyFacts = (r: Range, kind: 'csat' | 'nps' | 'ces'): Fact => sql`
  select a.answered_at as at, a.ticket_id, a.channel, a.group_id, a.agent_id, a.category_id, t.organization_id,
    coalesce(o.value_tier, c.value_tier) as value_tier, a.score::float8 as score
  from survey_answers a join tickets t on t.id = a.ticket_id ${ticketJoins}
  where a.kind = ${kind} and a.answered_at >= ${r.from} and a.answered_at < ${r.to}`;

/** Help-centre visits started in the range that showed or opened an article, and whether they ended without a ticket (24 hours). */
export const helpVisitFacts = (r: Range, now: Date): Fact => sql`
  select s.started_at as at, null::bigint as ticket_id,
    not (s.ticket_id is not null or (s.customer_id is not null and exists (select 1 from tickets t where t.requester_id = s.customer_id
      and t.created_at >= s.started_at and t.created_at <= coalesce(s.left_at, s.last_seen_at) + interval '24 hours')))
    and (s.left_at is not null or s.last_seen_at <= ${now}::timestamptz - interval '24 hours') as deflected
  from kb_help_sessions s
  where s.started_at >= ${r.from} and s.started_at < ${r.to}
    and cardinality(s.suggested_article_ids) + cardinality(s.viewed_article_ids) > 0`;

export interface Grouping {
  zone: string;
  interval: Interval;
  byPeriod: boolean;
  dims: Dimension[];
}

export type AggregateRow = Record<string, unknown> & { period_start: Date | null };

/** Groups a fact query by period (in the zone) and dimensions, with the given measures (SQL aggregates). */
export async function aggregate(
  db: Db,
  fact: Fact,
  grouping: Grouping,
  measures: Record<string, RawBuilder<unknown>>,
  where?: RawBuilder<unknown>,
) {
  const period = grouping.byPeriod
    ? sql`date_trunc(${grouping.interval}::text, f.at at time zone ${grouping.zone}::text) at time zone ${grouping.zone}::text`
    : sql`null::timestamptz`;
  const dims = grouping.dims.map((d) => sql`f.${sql.ref(dimensionColumn[d])} as ${sql.ref(d)}`);
  const columns = [
    sql`${period} as period_start`,
    ...dims,
    ...Object.entries(measures).map(([alias, expr]) => sql`${expr} as ${sql.ref(alias)}`),
  ];
  const groupBy = grouping.dims.length + 1;
  const positions = Array.from({ length: groupBy }, (_, i) => sql.raw(String(i + 1)));
  // Without any grouping the answer is one row, even over no facts (a count of 0, a rate of null).
  const grouped = grouping.byPeriod || grouping.dims.length > 0;
  const result = await sql<AggregateRow>`
    select ${sql.join(columns)} from (${fact}) f ${where ? sql`where ${where}` : sql``}
    ${grouped ? sql`group by ${sql.join(positions)} order by ${sql.join(positions)}` : sql``}`.execute(db);
  return result.rows;
}

export interface DrillFilter {
  channel?: string | undefined;
  group_id?: number | undefined;
  agent_id?: number | undefined;
  category_id?: number | undefined;
  organization_id?: number | undefined;
  value_tier?: string | undefined;
  numerator?: RawBuilder<unknown> | undefined;
  only?: 'numerator' | 'rest' | 'all' | undefined;
}

/** The ticket ids behind a number: the fact rows in one group (drill-down). */
export async function factTicketIds(db: Db, fact: Fact, filter: DrillFilter, limit: number): Promise<number[]> {
  const conditions = [
    sql`f.ticket_id is not null`,
    ...(['channel', 'group_id', 'agent_id', 'category_id', 'organization_id', 'value_tier'] as const).flatMap((column) =>
      filter[column] !== undefined ? [sql`f.${sql.ref(column)} = ${filter[column]}`] : [],
    ),
    ...(filter.numerator && filter.only === 'numerator' ? [filter.numerator] : []),
    ...(filter.numerator && filter.only === 'rest' ? [sql`not (${filter.numerator})`] : []),
  ];
  const result = await sql<{ ticket_id: number }>`
    select distinct f.ticket_id from (${fact}) f where ${sql.join(conditions, sql` and `)} order by f.ticket_id limit ${limit}`.execute(db);
  return result.rows.map((r) => Number(r.ticket_id));
}

/**
 * Runs a report's reads. On PostgreSQL they share one transaction with JIT compilation off: these
 * queries run in tens of milliseconds, and compiling them costs more than it saves (3× in the bench).
 */
export async function analyticsReads<T>(db: Db, kind: 'pglite' | 'postgres', run: (db: Db) => Promise<T>): Promise<T> {
  if (kind !== 'postgres') return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}

/** Which of the named tables exist (other modules add theirs as they land). */
export async function existingTables(db: Db, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const result = await sql<{ name: string }>`
    select n as name from unnest(${names}::text[]) n where to_regclass(n) is not null`.execute(db);
  return new Set(result.rows.map((r) => r.name));
}

/** Names for the ids in grouped rows. */
export async function dimensionLabels(db: Db, ids: { group: number[]; agent: number[]; category: number[]; organization: number[] }) {
  const [groups, agents, categories, organizations] = await Promise.all([
    ids.group.length ? db.selectFrom('groups').select(['id', 'name']).where('id', 'in', ids.group).execute() : [],
    ids.agent.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids.agent).execute() : [],
    ids.category.length ? db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids.category).execute() : [],
    ids.organization.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids.organization).execute() : [],
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [Number(r.id), r.name]));
  return { group: map(groups), agent: map(agents), category: map(categories), organization: map(organizations) };
}

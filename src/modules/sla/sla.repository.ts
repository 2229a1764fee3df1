/** The only file of the module that knows the tables. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { BusinessHoursCalendarsTable, Database, SlaClocksTable, SlaPoliciesTable } from '../../db/schema.ts';
import type { CalendarSpec } from './business-hours.ts';
import type { RawClock, SlaEvent } from './sla-clock.ts';
import type { SlaConditions, SlaPolicy, SlaTargetSpec } from './sla-policy.ts';

type Db = Kysely<Database>;
export type CalendarRow = Selectable<BusinessHoursCalendarsTable>;
export type PolicyRow = Selectable<SlaPoliciesTable>;
export type ClockRow = Selectable<SlaClocksTable>;

export const calendarSpec = (row: CalendarRow): CalendarSpec => ({
  time_zone: row.time_zone,
  weekly: row.weekly,
  holidays: row.holidays,
  exceptions: row.exceptions,
});

export const policyOf = (row: PolicyRow): SlaPolicy => ({
  id: row.id,
  name: row.name,
  description: row.description,
  position: row.position,
  active: row.active,
  calendar_id: row.calendar_id,
  conditions: row.conditions as SlaConditions,
  targets: row.targets as SlaTargetSpec[],
  pause_statuses: row.pause_statuses as SlaPolicy['pause_statuses'],
  on_reopen: row.on_reopen,
  warning_thresholds: row.warning_thresholds.map(Number),
});

export const listCalendars = (db: Db) => db.selectFrom('business_hours_calendars').selectAll().orderBy('id').execute();
export const findCalendar = (db: Db, id: number) =>
  db.selectFrom('business_hours_calendars').selectAll().where('id', '=', id).executeTakeFirst();
export const listPolicies = (db: Db) => db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id').execute();
export const findPolicy = (db: Db, id: number) => db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
export const categoryParents = (db: Db) => db.selectFrom('categories').select(['id', 'parent_id']).execute();

/** What the clocks of a ticket depend on besides its events. */
export interface TicketFacts {
  id: number;
  status: string;
  priority: string;
  channel: string;
  category_id: number | null;
  organization_id: number | null;
  created_at: Date;
  requester_tier: string | null;
  organization_tier: string | null;
}

function factsQuery(db: Db) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', 'c.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select([
      't.id',
      't.status',
      't.priority',
      't.channel',
      't.category_id',
      't.organization_id',
      't.created_at',
      'c.value_tier as requester_tier',
      'o.value_tier as organization_tier',
    ]);
}

export const ticketFacts = (db: Db, ids: readonly number[]): Promise<TicketFacts[]> =>
  ids.length === 0 ? Promise.resolve([]) : factsQuery(db).where('t.id', 'in', ids).execute();

/** The next `limit` unsolved tickets after `afterId`, in id order. */
export const openTicketFacts = (db: Db, afterId: number, limit: number): Promise<TicketFacts[]> =>
  factsQuery(db).where('t.status', 'not in', ['solved', 'closed']).where('t.id', '>', afterId).orderBy('t.id').limit(limit).execute();

/** An event as the clocks read it (see SlaEvent), with its id and ticket. */
export interface EventRow extends SlaEvent {
  id: number;
  ticket_id: number;
}

interface RawEventRow {
  id: number;
  ticket_id: number;
  type: string;
  field: string | null;
  at: number;
  before_value: string | null;
  after_value: string | null;
  author: string | null;
  status: string | null;
  priority: string | null;
  channel: string | null;
  category_id: string | null;
}

const idOrNull = (value: string | null): number | null => (value === null || value === 'null' || value === '' ? null : Number(value));

/** Scalars only come back from the database (no JSON or date parsing per row); this puts the events together. */
function toEvent(row: RawEventRow): EventRow {
  let before: unknown = null;
  let after: unknown = null;
  if (row.type === 'ticket.created') {
    after =
      row.category_id === null
        ? { status: row.status, priority: row.priority, channel: row.channel }
        : { status: row.status, priority: row.priority, channel: row.channel, category_id: idOrNull(row.category_id) };
  } else if (row.type === 'comment.added') {
    after = row.author === 'agent' ? agentReply : row.author === 'customer' ? customerMessage : { public: true, author: row.author };
  } else if (row.type === 'ticket.field_changed') {
    before = row.field === 'category_id' ? idOrNull(row.before_value) : row.before_value;
    after = row.field === 'category_id' ? idOrNull(row.after_value) : row.after_value;
  }
  return { id: row.id, ticket_id: row.ticket_id, type: row.type, field: row.field, before, after, at: row.at };
}

const agentReply = Object.freeze({ public: true, author: 'agent' });
const customerMessage = Object.freeze({ public: true, author: 'customer' });

/** The events the clocks read, in order: creation, public messages, merges and the fields that move a clock or re-select a policy. */
export async function clockEvents(db: Db, ticketIds: readonly number[]): Promise<EventRow[]> {
  if (ticketIds.length === 0) return [];
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const id of ticketIds) {
    if (id < lowest) lowest = id;
    if (id > highest) highest = id;
  }
  // A page of tickets in id order is read as one index range (cheaper than thousands of parameters), then trimmed.
  const asRange = ticketIds.length > 50 && highest - lowest < 4 * ticketIds.length;
  const which = asRange ? sql`ticket_id between ${lowest} and ${highest}` : sql`ticket_id in (${sql.join([...ticketIds])})`;
  const result = await sql<RawEventRow>`
    select id, ticket_id, type, field,
      (extract(epoch from created_at) * 1000)::float8 as at,
      case when type = 'ticket.field_changed' then before #>> '{}' end as before_value,
      case when type = 'ticket.field_changed' then after #>> '{}' end as after_value,
      case when type = 'comment.added' then after ->> 'author' end as author,
      case when type = 'ticket.created' then after ->> 'status' end as status,
      case when type = 'ticket.created' then after ->> 'priority' end as priority,
      case when type = 'ticket.created' then after ->> 'channel' end as channel,
      case when type = 'ticket.created' and after ? 'category_id' then coalesce(after ->> 'category_id', 'null') end as category_id
    from ticket_events
    where ${which}
      and (type in ('ticket.created', 'ticket.merged')
        or (type = 'comment.added' and (after ->> 'public')::boolean)
        or (type = 'ticket.field_changed' and field in ('status', 'priority', 'channel', 'category_id')))
    order by ticket_id, id`.execute(db);
  const wanted = asRange ? new Set(ticketIds) : null;
  const events: EventRow[] = [];
  for (const row of result.rows) if (!wanted || wanted.has(row.ticket_id)) events.push(toEvent(row));
  return events;
}

const num = (value: number | null): string => (value === null ? 'NULL' : String(value));

/**
 * The clocks of a batch of tickets, column by column: each column travels as one PostgreSQL array
 * literal (a text parameter cast in SQL), which both drivers send as is and which costs no
 * per-row objects on either side.
 */
export class ClockBatch {
  readonly clocks: RawClock[] = [];
  private readonly ticketIds: number[] = [];
  private readonly lastEventIds: number[] = [];

  add(ticketId: number, lastEventId: number, clock: RawClock): void {
    this.ticketIds.push(ticketId);
    this.lastEventIds.push(lastEventId);
    this.clocks.push(clock);
  }

  get size(): number {
    return this.clocks.length;
  }

  /** Array literals in the column order of saveClocks. */
  columns(): string[] {
    const c = this.clocks;
    const list = (values: (string | number | null)[]) =>
      `{${values.map((v) => (typeof v === 'number' ? String(v) : v === null ? 'NULL' : v)).join(',')}}`;
    return [
      list(this.ticketIds),
      list(c.map((x) => x.target)),
      list(c.map((x) => x.policy_id)),
      list(c.map((x) => x.cycle)),
      list(c.map((x) => x.status)),
      list(c.map((x) => x.target_minutes)),
      `{${c.map((x) => (x.business_hours ? 't' : 'f')).join(',')}}`,
      list(c.map((x) => x.started_at)),
      list(c.map((x) => x.due_at)),
      list(c.map((x) => x.breached_at)),
      list(c.map((x) => x.met_at)),
      list(c.map((x) => x.stopped_at)),
      list(c.map((x) => Math.round(x.paused_ms))),
      list(c.map((x) => Math.round(x.elapsed_ms))),
      list(c.map((x) => Math.round(x.remaining_ms))),
      // Each clock's warning instants as one element "ms ms …" (empty when none; never quoted characters).
      `{${c.map((x) => `"${x.warning_ats.map(num).join(' ')}"`).join(',')}}`,
      list(c.map((x) => x.cycles_met)),
      list(c.map((x) => x.cycles_breached)),
      list(this.lastEventIds),
    ];
  }
}

/**
 * Writes the computed clocks of `ticketIds` in one statement: upserts the given ones and deletes the
 * tickets' other clocks. Within a cycle, the warnings and breach already notified are kept; a new
 * cycle starts with none. A computation from older events never overwrites one from newer events,
 * and a clock whose state did not change is not rewritten.
 */
export async function saveClocks(
  db: Db,
  ticketIds: readonly number[],
  batch: ClockBatch,
  now: Date,
  options: { deleteStale?: boolean } = {},
): Promise<void> {
  if (ticketIds.length === 0) return;
  const [
    ids,
    target,
    policy,
    cycle,
    status,
    minutes,
    business,
    started,
    due,
    breached,
    met,
    stopped,
    paused,
    elapsed,
    remaining,
    warnings,
    cyclesMet,
    cyclesBreached,
    lastEvent,
  ] = batch.columns() as [string, ...string[]];
  const kept = (column: string) => sql.raw(`case when sla_clocks.cycle = excluded.cycle then sla_clocks.${column} else null end`);
  const at = (column: string) => sql.raw(`case when u.${column} is null then null else to_timestamp(u.${column} / 1000) end`);
  await sql`
    with input as (
      select u.ticket_id, u.target, u.policy_id, u.cycle, u.status, u.target_minutes, u.business_hours,
        ${at('started_at')} as started_at, ${at('due_at')} as due_at, ${at('breached_at')} as breached_at,
        ${at('met_at')} as met_at, ${at('stopped_at')} as stopped_at,
        u.paused_ms, u.elapsed_ms, u.remaining_ms,
        case when u.warnings = '' then '{}'::timestamptz[]
          else array(select case when w = 'NULL' then null else to_timestamp(w::float8 / 1000) end from unnest(string_to_array(u.warnings, ' ')) w)
        end as warning_ats,
        u.cycles_met, u.cycles_breached, u.last_event_id
      from unnest(${ids}::text::bigint[], ${target}::text::text[], ${policy}::text::bigint[], ${cycle}::text::integer[],
        ${status}::text::text[], ${minutes}::text::integer[], ${business}::text::boolean[], ${started}::text::float8[], ${due}::text::float8[],
        ${breached}::text::float8[], ${met}::text::float8[], ${stopped}::text::float8[], ${paused}::text::bigint[], ${elapsed}::text::bigint[],
        ${remaining}::text::bigint[], ${warnings}::text::text[], ${cyclesMet}::text::integer[], ${cyclesBreached}::text::integer[],
        ${lastEvent}::text::bigint[])
        as u(ticket_id, target, policy_id, cycle, status, target_minutes, business_hours, started_at, due_at, breached_at, met_at, stopped_at,
          paused_ms, elapsed_ms, remaining_ms, warnings, cycles_met, cycles_breached, last_event_id)
    )${
      options.deleteStale === false
        ? sql``
        : sql`, removed as (
      delete from sla_clocks c
      where c.ticket_id = any(${`{${ticketIds.join(',')}}`}::text::bigint[])
        and not exists (select 1 from input i where i.ticket_id = c.ticket_id and i.target = c.target)
    )`
    }
    insert into sla_clocks (ticket_id, target, policy_id, cycle, status, target_minutes, business_hours, started_at, due_at, breached_at,
      met_at, stopped_at, paused_ms, elapsed_ms, remaining_ms, warning_ats, warnings_sent, next_warning_at, cycles_met, cycles_breached,
      last_event_id, computed_at)
    select ticket_id, target, policy_id, cycle, status, target_minutes, business_hours, started_at, due_at, breached_at,
      met_at, stopped_at, paused_ms, elapsed_ms, remaining_ms, warning_ats, 0, case when status = 'running' then warning_ats[1] end,
      cycles_met, cycles_breached, last_event_id, ${now}
    from input
    on conflict (ticket_id, target) do update set
      policy_id = excluded.policy_id, cycle = excluded.cycle, status = excluded.status, target_minutes = excluded.target_minutes,
      business_hours = excluded.business_hours, started_at = excluded.started_at, due_at = excluded.due_at,
      breached_at = excluded.breached_at, met_at = excluded.met_at, stopped_at = excluded.stopped_at,
      paused_ms = excluded.paused_ms, elapsed_ms = excluded.elapsed_ms, remaining_ms = excluded.remaining_ms,
      warning_ats = excluded.warning_ats,
      warnings_sent = coalesce(${kept('warnings_sent')}, 0),
      next_warning_at = case when excluded.status = 'running' then excluded.warning_ats[coalesce(${kept('warnings_sent')}, 0) + 1] end,
      breach_notified_at = ${kept('breach_notified_at')},
      cycles_met = excluded.cycles_met, cycles_breached = excluded.cycles_breached,
      last_event_id = excluded.last_event_id, computed_at = excluded.computed_at
    where sla_clocks.last_event_id <= excluded.last_event_id
      -- A clock whose state did not change keeps its row (and the elapsed time as of its computed_at): no write.
      and (sla_clocks.policy_id, sla_clocks.cycle, sla_clocks.status, sla_clocks.target_minutes, sla_clocks.business_hours,
           sla_clocks.started_at, sla_clocks.due_at, sla_clocks.breached_at, sla_clocks.met_at, sla_clocks.stopped_at,
           sla_clocks.warning_ats, sla_clocks.cycles_met, sla_clocks.cycles_breached, sla_clocks.last_event_id)
        is distinct from
          (excluded.policy_id, excluded.cycle, excluded.status, excluded.target_minutes, excluded.business_hours,
           excluded.started_at, excluded.due_at, excluded.breached_at, excluded.met_at, excluded.stopped_at,
           excluded.warning_ats, excluded.cycles_met, excluded.cycles_breached, excluded.last_event_id)`.execute(db);
}

/** Whether any clock is stored at all (a first computation has nothing stale to delete). */
export const anyClock = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('sla_clocks').select('ticket_id').limit(1).executeTakeFirst()) !== undefined;

export const clocksOf = (db: Db, ticketId: number) => db.selectFrom('sla_clocks').selectAll().where('ticket_id', '=', ticketId).execute();

export interface Notice {
  ticket_id: number;
  target: string;
  cycle: number;
  policy_id: number;
  due_at: Date;
}

/**
 * Marks the live clocks whose deadline has passed as breached and records one `sla.breached` event
 * for each, in one statement. The condition on `breach_notified_at` makes it exactly once per
 * clock cycle, also when two workers run it at the same time.
 */
export async function markBreaches(db: Db, now: Date): Promise<Notice[]> {
  const result = await sql<Notice>`
    with breached as (
      update sla_clocks c
      set status = 'breached', breached_at = coalesce(c.breached_at, c.due_at), breach_notified_at = ${now}, next_warning_at = null
      where c.due_at is not null and c.due_at < ${now} and c.breach_notified_at is null
      returning c.ticket_id, c.target, c.cycle, c.policy_id, c.due_at, c.target_minutes, c.business_hours
    ), recorded as (
      insert into ticket_events (ticket_id, type, after, created_at)
      select ticket_id, 'sla.breached',
        jsonb_build_object('target', target, 'cycle', cycle, 'policy_id', policy_id, 'due_at', due_at,
          'target_minutes', target_minutes, 'business_hours', business_hours),
        ${now}
      from breached
    )
    select ticket_id, target, cycle, policy_id, due_at from breached order by due_at, ticket_id`.execute(db);
  return result.rows.map((r) => ({ ...r, due_at: new Date(r.due_at) }));
}

/**
 * Records an `sla.warning` event for each running clock that has passed a warning threshold since
 * the last one (one event naming the highest threshold passed), and advances its next warning.
 */
export async function markWarnings(db: Db, now: Date): Promise<(Notice & { threshold_percent: number | null })[]> {
  const result = await sql<Notice & { threshold_percent: number | null }>`
    with due as (
      select c.ticket_id, c.target, c.warnings_sent,
        (select count(*)::int from unnest(c.warning_ats) w where w <= ${now}) as reached
      from sla_clocks c
      where c.next_warning_at is not null and c.next_warning_at <= ${now} and c.status = 'running' and c.due_at >= ${now}
    ), warned as (
      update sla_clocks c set warnings_sent = due.reached, next_warning_at = c.warning_ats[due.reached + 1]
      from due
      where c.ticket_id = due.ticket_id and c.target = due.target and c.warnings_sent = due.warnings_sent and due.reached > c.warnings_sent
      returning c.ticket_id, c.target, c.cycle, c.policy_id, c.due_at, due.reached
    ), described as (
      select w.*, p.warning_thresholds[w.reached] as threshold_percent from warned w left join sla_policies p on p.id = w.policy_id
    ), recorded as (
      insert into ticket_events (ticket_id, type, after, created_at)
      select ticket_id, 'sla.warning',
        jsonb_build_object('target', target, 'cycle', cycle, 'policy_id', policy_id, 'due_at', due_at, 'threshold_percent', threshold_percent),
        ${now}
      from described
    )
    select ticket_id, target, cycle, policy_id, due_at, threshold_percent from described order by due_at, ticket_id`.execute(db);
  return result.rows.map((r) => ({ ...r, due_at: new Date(r.due_at) }));
}

/** Live clocks due before `before` (overdue ones included), soonest first. */
export function liveClocksDueBefore(db: Db, before: Date, limit: number) {
  return db
    .selectFrom('sla_clocks as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select([
      's.ticket_id',
      's.target',
      's.status',
      's.due_at',
      's.cycle',
      's.policy_id',
      't.subject',
      't.priority',
      't.assignee_id',
      't.group_id',
    ])
    .where('s.due_at', 'is not', null)
    .where('s.due_at', '<', before)
    .orderBy('s.due_at')
    .orderBy('s.ticket_id')
    .limit(limit)
    .execute();
}

/** Per ticket, its earliest live deadline: what a ticket list shows in its SLA column. */
export function nextDeadlines(db: Db, ticketIds: readonly number[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sla_clocks')
    .select(['ticket_id', 'target', 'status', 'due_at'])
    .distinctOn('ticket_id')
    .where('ticket_id', 'in', ticketIds)
    .where('due_at', 'is not', null)
    .orderBy('ticket_id')
    .orderBy('due_at')
    .execute();
}

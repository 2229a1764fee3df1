import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Unsolved tickets now, per group and status, with how many wait unassigned. */
export async function liveQueues(db: Db) {
  const result = await sql<{
    group_id: number | null;
    group_name: string | null;
    new: number;
    open: number;
    pending: number;
    on_hold: number;
    unassigned: number;
  }>`
    select t.group_id, g.name as group_name,
      count(*) filter (where t.status = 'new')::int as new, count(*) filter (where t.status = 'open')::int as open,
      count(*) filter (where t.status = 'pending')::int as pending, count(*) filter (where t.status = 'on_hold')::int as on_hold,
      count(*) filter (where t.assignee_id is null)::int as unassigned
    from tickets t left join groups g on g.id = t.group_id
    where t.status in ('new', 'open', 'pending', 'on_hold') and t.merged_into_id is null
    group by t.group_id, g.name order by g.name nulls first`.execute(db);
  return result.rows.map((r) => ({ ...r, group_id: r.group_id === null ? null : Number(r.group_id) }));
}

/** Running SLA clocks already overdue or due within the window, per target. */
export async function slaAtRisk(db: Db, now: Date, withinMinutes: number) {
  const result = await sql<{ target: string; overdue: number; due_soon: number }>`
    select k.target, count(*) filter (where k.due_at < ${now})::int as overdue,
      count(*) filter (where k.due_at >= ${now})::int as due_soon
    from sla_clocks k join tickets t on t.id = k.ticket_id
    where k.status = 'running' and k.due_at < ${now}::timestamptz + make_interval(mins => ${withinMinutes}) and t.merged_into_id is null
    group by k.target order by k.target`.execute(db);
  return result.rows;
}

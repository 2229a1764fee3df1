import { type Selectable, sql } from 'kysely';
import type { AutomationsTable, AutomationTriggersTable, MacrosTable, TicketRow } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';

type Db = Context['db'];
export type TriggerRow = Selectable<AutomationTriggersTable>;
export type AutomationRow = Selectable<AutomationsTable>;
export type MacroRow = Selectable<MacrosTable>;

// ── Triggers ────────────────────────────────────────────────────────────────

export const listTriggers = (db: Db, activeOnly = false): Promise<TriggerRow[]> => {
  let query = db.selectFrom('automation_triggers').selectAll().orderBy('position').orderBy('id');
  if (activeOnly) query = query.where('active', '=', true);
  return query.execute();
};

export const findTrigger = (db: Db, id: number): Promise<TriggerRow | undefined> =>
  db.selectFrom('automation_triggers').selectAll().where('id', '=', id).executeTakeFirst();

/** Renumbers a rule table's positions 0…n-1 in the given order. */
export async function renumber(db: Db, table: 'automation_triggers' | 'automations', ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`update ${sql.table(table)} r set position = o.ordinality - 1
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) with ordinality as o(id, ordinality)
    where r.id = o.id::bigint and r.position <> o.ordinality - 1`.execute(db);
}

/** Puts `id` at `position` (0 = first; default last) among the others, keeping their order. */
export async function place(db: Db, table: 'automation_triggers' | 'automations', id: number, position: number | undefined): Promise<void> {
  const others = (await db.selectFrom(table).select('id').where('id', '<>', id).orderBy('position').orderBy('id').execute()).map(
    (r) => r.id,
  );
  const at = Math.min(position ?? others.length, others.length);
  await renumber(db, table, [...others.slice(0, at), id, ...others.slice(at)]);
}

export async function orderedIds(db: Db, table: 'automation_triggers' | 'automations', lock = false): Promise<number[]> {
  let query = db.selectFrom(table).select('id').orderBy('position').orderBy('id');
  if (lock) query = query.forUpdate();
  return (await query.execute()).map((r) => r.id);
}

// ── Time-based automations ──────────────────────────────────────────────────

export const listAutomations = (db: Db, activeOnly = false): Promise<AutomationRow[]> => {
  let query = db.selectFrom('automations').selectAll().orderBy('position').orderBy('id');
  if (activeOnly) query = query.where('active', '=', true);
  return query.execute();
};

export const findAutomation = (db: Db, id: number): Promise<AutomationRow | undefined> =>
  db.selectFrom('automations').selectAll().where('id', '=', id).executeTakeFirst();

export type AnchorKind = 'created' | 'updated' | 'status_changed' | 'solved';

/** The instant a time condition counts from, per ticket, in SQL. */
function anchorSql(kind: AnchorKind) {
  switch (kind) {
    case 'created':
      return sql<Date>`t.created_at`;
    case 'updated':
      return sql<Date>`t.updated_at`;
    case 'solved':
      return sql<Date>`t.solved_at`;
    case 'status_changed':
      return sql<Date>`coalesce((select max(e.created_at) from ticket_events e
        where e.ticket_id = t.id and e.type = 'ticket.field_changed' and e.field = 'status'), t.created_at)`;
  }
}

export type Candidate = TicketRow & { anchor: Date };

/**
 * Unsolved-or-solved, not closed, not merged tickets whose anchor is at or before `cutoff` and that
 * this automation has not yet run on for that anchor; `statuses` narrows them when the automation
 * names them. Keyset on id.
 */
export async function automationCandidates(
  db: Db,
  automationId: number,
  kind: AnchorKind,
  cutoff: Date,
  statuses: readonly string[] | null,
  afterId: number,
  limit: number,
): Promise<Candidate[]> {
  const anchor = anchorSql(kind);
  const statusFilter = statuses ? sql`and t.status = any(${statuses}::text[])` : sql``;
  const result = await sql<Candidate>`
    select * from (
      select t.*, ${anchor} as anchor from tickets t
      where t.status <> 'closed' and t.merged_into_id is null and t.id > ${afterId} ${statusFilter}
    ) t
    where t.anchor is not null and t.anchor <= ${cutoff}
      and not exists (select 1 from automation_runs r where r.automation_id = ${automationId} and r.ticket_id = t.id and r.anchor = t.anchor)
    order by t.id
    limit ${limit}`.execute(db);
  return result.rows;
}

/** The anchor of one (locked) ticket now, to re-check a candidate inside its transaction. */
export async function currentAnchor(db: Db, ticketId: number, kind: AnchorKind): Promise<Date | null> {
  const anchor = anchorSql(kind);
  const result = await sql<{ anchor: Date | null }>`select ${anchor} as anchor from tickets t where t.id = ${ticketId}`.execute(db);
  return result.rows[0]?.anchor ?? null;
}

/** Claims one run: true for the one caller that inserted it, false for any other (already ran). */
export async function claimRun(db: Db, automationId: number, ticketId: number, anchor: Date, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('automation_runs')
    .values({ automation_id: automationId, ticket_id: ticketId, anchor, ran_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('ticket_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

// ── Macros ──────────────────────────────────────────────────────────────────

export const listMacros = (db: Db, activeOnly: boolean): Promise<MacroRow[]> => {
  let query = db.selectFrom('macros').selectAll().orderBy(sql`lower(name)`).orderBy('id');
  if (activeOnly) query = query.where('active', '=', true);
  return query.execute();
};

export const findMacro = (db: Db, id: number): Promise<MacroRow | undefined> =>
  db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();

// ── Tickets, for rules and templates ────────────────────────────────────────

export const lockTicketRow = (db: Db, id: number): Promise<TicketRow | undefined> =>
  db.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findTicketRow = (db: Db, id: number): Promise<TicketRow | undefined> =>
  db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();

/** What templates and recipients need: the ticket with its requester's and assignee's names and addresses. */
export async function ticketForMessages(db: Db, id: number) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.requester_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('groups as g', 'g.id', 't.group_id')
    .select([
      't.id',
      't.subject',
      't.status',
      't.priority',
      't.group_id',
      't.assignee_id',
      'c.name as requester_name',
      'a.name as assignee_name',
      'a.email as assignee_email',
      'g.name as group_name',
      sql<string | null>`(select i.value from customer_identities i where i.customer_id = t.requester_id and i.kind = 'email'
        order by i.is_primary desc, i.id limit 1)`.as('requester_email'),
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function groupMemberEmails(db: Db, groupId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.group_id', '=', groupId)
    .where('u.active', '=', true)
    .execute();
  return rows.map((r) => r.email);
}

export async function userEmails(db: Db, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select('email').where('id', 'in', ids).where('active', '=', true).execute();
  return rows.map((r) => r.email);
}

import { CompiledQuery, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, TicketRow } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** A ticket with the names the API shows beside the ids. */
export interface TicketDetailRow extends TicketRow {
  requester_name: string;
  requester_email: string | null;
  assignee_name: string | null;
  category_name: string | null;
  category_path: string | null;
  /** The next SLA deadline: the earliest ticking clock (breached ones included). */
  sla_target: string | null;
  sla_due_at: Date | null;
  /** What intake read in the ticket (absent on rows that did not join it). */
  predicted_category_id?: number | null;
  predicted_category_name?: string | null;
  predicted_category_path?: string | null;
  predicted_confidence?: number | null;
  predicted_priority?: string | null;
  language?: string | null;
  sentiment?: number | null;
}

function nextClock(eb: ExpressionBuilder<Database, 'tickets'>) {
  return eb
    .selectFrom('sla_clocks as s')
    .whereRef('s.ticket_id', '=', 'tickets.id')
    .where('s.status', 'in', ['running', 'breached'])
    .where('s.due_at', 'is not', null)
    .orderBy('s.due_at')
    .orderBy('s.target')
    .limit(1);
}

export function ticketDetails(db: Db): SelectQueryBuilder<Database, 'tickets', TicketDetailRow> {
  return (
    db
      .selectFrom('tickets')
      // One join gives both the category's name and path (two subqueries looked it up twice per row).
      .leftJoin('categories as k', 'k.id', 'tickets.category_id')
      .leftJoin('ticket_intake as ti', 'ti.ticket_id', 'tickets.id')
      .leftJoin('categories as pk', 'pk.id', 'ti.predicted_category_id')
      .selectAll('tickets')
      .select(['k.name as category_name', 'k.path as category_path'])
      .select([
        'ti.predicted_category_id',
        'pk.name as predicted_category_name',
        'pk.path as predicted_category_path',
        'ti.predicted_confidence',
        'ti.predicted_priority',
        'ti.language',
        'ti.sentiment',
      ])
      .select((eb) => [
        eb.selectFrom('customers as c').select('c.name').whereRef('c.id', '=', 'tickets.requester_id').as('requester_name'),
        eb
          .selectFrom('customer_identities as i')
          .select('i.value')
          .whereRef('i.customer_id', '=', 'tickets.requester_id')
          .where('i.kind', '=', 'email')
          .orderBy('i.is_primary', 'desc')
          .orderBy('i.id')
          .limit(1)
          .as('requester_email'),
        eb.selectFrom('users as u').select('u.name').whereRef('u.id', '=', 'tickets.assignee_id').as('assignee_name'),
        nextClock(eb).select('s.target').as('sla_target'),
        nextClock(eb).select('s.due_at').as('sla_due_at'),
      ]) as unknown as SelectQueryBuilder<Database, 'tickets', TicketDetailRow>
  );
}

// A ticket by id is the most frequent read of all: its SQL is compiled once per process and reused.
const SENTINEL_ID = -918_273_645;
let detailById: { sql: string; parameters: readonly unknown[]; idAt: number } | undefined;

export async function findTicketDetail(db: Db, id: number): Promise<TicketDetailRow | undefined> {
  if (!detailById) {
    const compiled = ticketDetails(db).where('tickets.id', '=', SENTINEL_ID).compile();
    detailById = { sql: compiled.sql, parameters: compiled.parameters, idAt: compiled.parameters.indexOf(SENTINEL_ID) };
  }
  const parameters = [...detailById.parameters];
  parameters[detailById.idAt] = id;
  const result = await db.executeQuery<TicketDetailRow>(CompiledQuery.raw(detailById.sql, parameters));
  return result.rows[0];
}

export function lockTicket(db: Db, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface NewTicketEvent {
  type: string;
  field?: string | null;
  before?: unknown;
  after?: unknown;
  comment_id?: number | null;
  channel?: string | null;
}

export interface EventActor {
  userId: number | null;
  customerId: number | null;
  role?: string;
}

/** Who an event is by: a customer acting through the portal is recorded as the customer, never as a user who might be read as an agent. */
function eventActor(actor: EventActor): { actor_user_id: number | null; actor_customer_id: number | null } {
  return {
    actor_user_id: actor.role === 'customer' ? null : actor.userId,
    actor_customer_id: actor.role === 'customer' || actor.userId === null ? actor.customerId : null,
  };
}

/** Appends to a ticket's history; the events are the facts every SLA and quality figure is computed from. */
export async function appendEvents(db: Db, ticketId: number, actor: EventActor, at: Date, events: NewTicketEvent[]): Promise<void> {
  if (events.length === 0) return;
  const by = eventActor(actor);
  await db
    .insertInto('ticket_events')
    .values(
      events.map((e) => ({
        ticket_id: ticketId,
        type: e.type,
        field: e.field ?? null,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
        comment_id: e.comment_id ?? null,
        ...by,
        channel: e.channel ?? null,
        created_at: at,
      })),
    )
    .execute();
  // Tell every process (and through it every open workspace) on commit; the version lets clients skip what they already have.
  const types = [...new Set(events.map((e) => e.type))];
  const fields = [...new Set(events.flatMap((e) => (e.field ? [e.field] : [])))];
  await sql`select pg_notify('ticket_changes', json_build_object(
      'ticket_id', id, 'requester_id', requester_id, 'version', version, 'status', status,
      'types', ${JSON.stringify(types)}::json, 'fields', ${JSON.stringify(fields)}::json,
      'actor_user_id', ${actor.userId}::bigint, 'at', ${at.toISOString()}::text)::text)
    from tickets where id = ${ticketId}`.execute(db);
}

export function listComments(db: Db, ticketId: number, options: { publicOnly: boolean; afterId?: number | undefined; limit: number }) {
  let query = db
    .selectFrom('ticket_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_user_id')
    .leftJoin('customers as k', 'k.id', 'c.author_customer_id')
    .select([
      'c.id',
      'c.ticket_id',
      'c.body',
      'c.public',
      'c.channel',
      'c.author_user_id',
      'c.author_customer_id',
      'c.created_at',
      'u.name as user_name',
      'k.name as customer_name',
    ])
    .where('c.ticket_id', '=', ticketId)
    .orderBy('c.id')
    .limit(options.limit + 1);
  if (options.publicOnly) query = query.where('c.public', '=', true);
  if (options.afterId !== undefined) query = query.where('c.id', '>', options.afterId);
  return query.execute();
}
export type CommentListRow = Awaited<ReturnType<typeof listComments>>[number];

export async function attachmentsOf(db: Db, commentIds: number[]) {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'comment_id', 'filename', 'content_type', 'size_bytes'])
    .where('comment_id', 'in', commentIds)
    .orderBy('id')
    .execute();
}

const customerVisibleFields = ['status', 'subject', 'priority', 'type'];

export function listEvents(db: Db, ticketId: number, options: { afterId?: number | undefined; limit: number; publicOnly: boolean }) {
  let query = db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .leftJoin('customers as k', 'k.id', 'e.actor_customer_id')
    .selectAll('e')
    .select(['u.name as user_name', 'k.name as customer_name'])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.id')
    .limit(options.limit + 1);
  if (options.afterId !== undefined) query = query.where('e.id', '>', options.afterId);
  if (options.publicOnly) {
    // Customers see the story of their request — created, public messages, status and subject — but
    // not internal notes, assignments, or events that name other tickets (links, merges).
    query = query.where((eb) =>
      eb.or([
        eb('e.type', 'in', ['ticket.created', 'ticket.reopened']),
        eb.and([eb('e.type', '=', 'ticket.field_changed'), eb('e.field', 'in', customerVisibleFields)]),
        eb.and([
          eb('e.type', '=', 'comment.added'),
          eb.exists(
            eb.selectFrom('ticket_comments as c').select('c.id').whereRef('c.id', '=', 'e.comment_id').where('c.public', '=', true),
          ),
        ]),
      ]),
    );
  }
  return query.execute();
}
export type EventListRow = Awaited<ReturnType<typeof listEvents>>[number];

export function bumpVersion() {
  return sql<number>`version + 1`;
}

export interface NewTicket {
  subject: string;
  status: string;
  priority: string;
  type: string;
  channel: string;
  requester_id: number;
  organization_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  tier: number;
  category_id: number | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
}

/** The new ticket as the API shows it, its first message, and what its SLA clocks depend on. */
export interface InsertedTicket extends TicketDetailRow {
  comment_id: number;
  last_event_id: number;
  requester_tier: string | null;
  organization_tier: string | null;
}

/**
 * Opens a ticket in one statement: the ticket, the requester's first message, the two events that
 * record them, and the notification that goes out on commit; answers the ticket with the names the
 * API shows. (Creation is the hottest write path; one round trip instead of five.)
 */
export async function insertTicketWithDescription(
  db: Db,
  ticket: NewTicket,
  description: { body: string; authorCustomerId: number },
  actor: EventActor,
  at: Date,
): Promise<InsertedTicket> {
  const by = eventActor(actor);
  const { organization_id: _org, subject: _subject, ...recorded } = ticket;
  const created = JSON.stringify(recorded);
  const commentAdded = JSON.stringify({ public: true, author: 'customer' });
  const result = await sql<InsertedTicket>`
    with t as (
      insert into tickets (subject, status, priority, type, channel, requester_id, organization_id, assignee_id,
        group_id, tier, category_id, tags, custom_fields, created_at, updated_at)
      values (${ticket.subject}, ${ticket.status}, ${ticket.priority}, ${ticket.type}, ${ticket.channel}, ${ticket.requester_id},
        ${ticket.organization_id}, ${ticket.assignee_id}, ${ticket.group_id}, ${ticket.tier}, ${ticket.category_id},
        ${ticket.tags}::text[], ${JSON.stringify(ticket.custom_fields)}::jsonb, ${at}, ${at})
      returning *
    ), c as (
      insert into ticket_comments (ticket_id, author_customer_id, body, public, channel, metadata, created_at)
      select t.id, ${description.authorCustomerId}, ${description.body}, true, t.channel, '{}'::jsonb, ${at} from t
      returning id, ticket_id
    ), e as (
      insert into ticket_events (ticket_id, type, after, comment_id, actor_user_id, actor_customer_id, channel, created_at)
      select t.id, 'ticket.created', ${created}::jsonb, null::bigint, ${by.actor_user_id}::bigint, ${by.actor_customer_id}::bigint, t.channel, ${at}::timestamptz from t
      union all
      select c.ticket_id, 'comment.added', ${commentAdded}::jsonb, c.id, ${by.actor_user_id}::bigint, ${by.actor_customer_id}::bigint, ${ticket.channel}, ${at}::timestamptz from c
      returning id
    ), n as (
      select pg_notify('ticket_changes', json_build_object(
        'ticket_id', t.id, 'requester_id', t.requester_id, 'version', t.version, 'status', t.status,
        'types', '["ticket.created","comment.added"]'::json, 'fields', '[]'::json,
        'actor_user_id', ${actor.userId}::bigint, 'at', ${at.toISOString()}::text)::text) as sent
      from t
    )
    select t.*, c.id as comment_id, k.name as category_name, k.path as category_path,
      r.name as requester_name, r.value_tier as requester_tier, o.value_tier as organization_tier,
      (select i.value from customer_identities i where i.customer_id = t.requester_id and i.kind = 'email'
        order by i.is_primary desc, i.id limit 1) as requester_email,
      (select u.name from users u where u.id = t.assignee_id) as assignee_name,
      null::text as sla_target, null::timestamptz as sla_due_at,
      (select max(id) from e) as last_event_id, (select count(*) from n) as notified
    from t
    cross join c
    join customers r on r.id = t.requester_id
    left join organizations o on o.id = t.organization_id
    left join categories k on k.id = t.category_id`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('the ticket insert returned no row');
  const { notified: _notified, ...inserted } = row as InsertedTicket & { notified: unknown };
  return inserted;
}

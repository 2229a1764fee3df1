import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, TicketRow } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** A ticket with the names the API shows beside the ids. */
export interface TicketDetailRow extends TicketRow {
  requester_name: string;
  requester_email: string | null;
  assignee_name: string | null;
  category_name: string | null;
  category_path: string | null;
}

export function ticketDetails(db: Db): SelectQueryBuilder<Database, 'tickets', TicketDetailRow> {
  return (
    db
      .selectFrom('tickets')
      // One join gives both the category's name and path (two subqueries looked it up twice per row).
      .leftJoin('categories as k', 'k.id', 'tickets.category_id')
      .selectAll('tickets')
      .select(['k.name as category_name', 'k.path as category_path'])
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
      ]) as unknown as SelectQueryBuilder<Database, 'tickets', TicketDetailRow>
  );
}

export function findTicketDetail(db: Db, id: number): Promise<TicketDetailRow | undefined> {
  return ticketDetails(db).where('tickets.id', '=', id).executeTakeFirst();
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

/** Appends to a ticket's history; the events are the facts every SLA and quality figure is computed from. */
export async function appendEvents(db: Db, ticketId: number, actor: EventActor, at: Date, events: NewTicketEvent[]): Promise<void> {
  if (events.length === 0) return;
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
        // A customer acting through the portal is recorded as the customer, never as a user who might be read as an agent.
        actor_user_id: actor.role === 'customer' ? null : actor.userId,
        actor_customer_id: actor.role === 'customer' || actor.userId === null ? actor.customerId : null,
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

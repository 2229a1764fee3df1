import { type Kysely, sql } from 'kysely';
import type { Database, InboundEmailStatus } from '../../../db/schema.ts';

type Db = Kysely<Database>;

export function findSupportAddress(db: Db, email: string) {
  return db
    .selectFrom('support_addresses')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
}

/** Stores a raw message; a Message-ID seen before answers the earlier row instead (at-most-once per Message-ID). */
export async function insertInbound(
  db: Db,
  values: {
    source: 'smtp' | 'imap';
    mailbox_id: number | null;
    mail_from: string | null;
    rcpt_to: string[];
    message_id: string | null;
    raw: Buffer;
    received_at: Date;
  },
): Promise<{ id: number; duplicate: boolean }> {
  const inserted = await db
    .insertInto('inbound_emails')
    .values({ ...values, size_bytes: values.raw.length, status: 'received' })
    .onConflict((oc) => oc.column('message_id').where('message_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, duplicate: false };
  const existing = await db
    .selectFrom('inbound_emails')
    .select('id')
    .where('message_id', '=', values.message_id as string)
    .executeTakeFirstOrThrow();
  return { id: existing.id, duplicate: true };
}

export function findInbound(db: Db, id: number) {
  return db.selectFrom('inbound_emails').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingInboundIds(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('inbound_emails').select('id').where('status', '=', 'received').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function markInbound(
  db: Db,
  id: number,
  fields: {
    status: InboundEmailStatus;
    flag?: string | null;
    error?: string | null;
    subject?: string | null;
    ticket_id?: number | null;
    comment_id?: number | null;
    processed_at: Date;
  },
): Promise<void> {
  await db.updateTable('inbound_emails').set(fields).where('id', '=', id).execute();
}

export async function countAttempt(db: Db, id: number): Promise<number> {
  const row = await db
    .updateTable('inbound_emails')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** The ticket the newest of these Message-IDs belongs to (a reply's In-Reply-To and References). */
export async function ticketForMessageIds(db: Db, messageIds: string[]): Promise<number | undefined> {
  if (!messageIds.length) return undefined;
  const row = await db
    .selectFrom('email_message_ids')
    .select('ticket_id')
    .where('message_id', 'in', messageIds.slice(0, 100))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ticket_id;
}

export function findTicket(db: Db, id: number) {
  return db.selectFrom('tickets').select(['id', 'requester_id', 'status', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
}

export async function isFollower(db: Db, ticketId: number, customerId: number): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_followers')
    .select('customer_id')
    .where('ticket_id', '=', ticketId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordMessageId(
  db: Db,
  values: { message_id: string; ticket_id: number; comment_id: number | null; direction: 'inbound' | 'outbound'; created_at: Date },
): Promise<void> {
  await db
    .insertInto('email_message_ids')
    .values(values)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export async function addFollowers(db: Db, ticketId: number, customerIds: number[], now: Date): Promise<void> {
  if (!customerIds.length) return;
  await db
    .insertInto('ticket_followers')
    .values([...new Set(customerIds)].map((customer_id) => ({ ticket_id: ticketId, customer_id, created_at: now })))
    .onConflict((oc) => oc.columns(['ticket_id', 'customer_id']).doNothing())
    .execute();
}

export async function recentMessagesFrom(db: Db, address: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('inbound_emails')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<string>`lower(mail_from)`, '=', address.toLowerCase())
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A comment an earlier attempt already wrote for this message (the process died between the
 * ticket's commit and ours): same author, same words, written after the message arrived.
 */
export async function findAdoptableComment(db: Db, customerId: number, body: string, since: Date) {
  return db
    .selectFrom('ticket_comments')
    .select(['id', 'ticket_id'])
    .where('author_customer_id', '=', customerId)
    .where('body', '=', body)
    .where('created_at', '>=', since)
    .where('channel', '=', 'email')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('channel_messages as m').select('m.comment_id').whereRef('m.comment_id', '=', 'ticket_comments.id'))),
    )
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function firstCommentId(db: Db, ticketId: number): Promise<number> {
  const row = await db
    .selectFrom('ticket_comments')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertChannelMessage(
  db: Db,
  values: {
    comment_id: number;
    ticket_id: number;
    channel: string;
    direction: 'inbound' | 'outbound';
    source: string;
    external_id: string | null;
    full_text: string;
    html: string | null;
    metadata: Record<string, unknown>;
    created_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('channel_messages')
    .values({ ...values, metadata: JSON.stringify(values.metadata) })
    .onConflict((oc) => oc.column('comment_id').doNothing())
    .execute();
}

/** Sets the author of an emailed comment to the follower who really wrote it. */
export async function setCommentAuthor(db: Db, commentId: number, customerId: number): Promise<void> {
  await db.updateTable('ticket_comments').set({ author_customer_id: customerId }).where('id', '=', commentId).execute();
}

export function findAgentByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'name', 'customer_id', 'active'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('role', '!=', 'customer')
    .where('active', '=', true)
    .executeTakeFirst();
}

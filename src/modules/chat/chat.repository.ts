import type { Insertable, Selectable } from 'kysely';
import type { ChatConversationsTable, ChatMessagesTable, ChatWidgetsTable } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';

type Db = Context['db'];
export type ConversationRow = Selectable<ChatConversationsTable>;
export type MessageRow = Selectable<ChatMessagesTable>;
export type WidgetRow = Selectable<ChatWidgetsTable>;

export const findWidget = (db: Db, key: string) => db.selectFrom('chat_widgets').selectAll().where('key', '=', key).executeTakeFirst();
export const findWidgetById = (db: Db, id: number) =>
  db.selectFrom('chat_widgets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findConversation = (db: Db, id: number) =>
  db.selectFrom('chat_conversations').selectAll().where('id', '=', id).executeTakeFirst();

export const lockConversation = (db: Db, id: number) =>
  db.selectFrom('chat_conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const openConversationForToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('chat_conversations')
    .selectAll()
    .where('visitor_token_hash', '=', tokenHash)
    .where('status', '!=', 'ended')
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const insertConversation = (db: Db, values: Insertable<ChatConversationsTable>) =>
  db.insertInto('chat_conversations').values(values).returningAll().executeTakeFirstOrThrow();

export const updateConversation = (db: Db, id: number, values: Partial<Omit<ConversationRow, 'id'>>) =>
  db.updateTable('chat_conversations').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const findMessageByClientId = (db: Db, conversationId: number, clientId: string) =>
  db
    .selectFrom('chat_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();

export const insertMessage = (db: Db, values: Insertable<ChatMessagesTable>) =>
  db.insertInto('chat_messages').values(values).returningAll().executeTakeFirstOrThrow();

export const messagesAfter = (db: Db, conversationId: number, afterSeq: number, limit = 500) =>
  db
    .selectFrom('chat_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

export const inbox = (db: Db, userId: number) =>
  db
    .selectFrom('chat_conversations')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'active'), eb('agent_user_id', '=', userId)])]))
    .orderBy('id')
    .limit(200)
    .execute();

export async function activeChatCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('chat_conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('agent_user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function chatCapacity(db: Db, userId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('routing_capacities')
    .select('capacity')
    .where('user_id', '=', userId)
    .where('channel', '=', 'chat')
    .executeTakeFirst();
  return row?.capacity;
}

export async function anyAgentOnline(db: Db): Promise<boolean> {
  const row = await db.selectFrom('agent_states').select('user_id').where('state', '=', 'online').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function userExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', id).where('role', '!=', 'customer').executeTakeFirst();
  return row !== undefined;
}

export async function usersInGroup(db: Db, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('group_memberships').select('user_id').where('group_id', '=', groupId).execute();
  return rows.map((r) => r.user_id);
}

export async function openTicketsOfEmail(db: Db, email: string) {
  return db
    .selectFrom('tickets')
    .innerJoin('customer_identities', 'customer_identities.customer_id', 'tickets.requester_id')
    .select(['tickets.id', 'tickets.subject', 'tickets.status'])
    .where('customer_identities.kind', '=', 'email')
    .where('customer_identities.value', '=', email.toLowerCase())
    .where('tickets.channel', '!=', 'chat')
    .orderBy('tickets.id', 'desc')
    .limit(5)
    .execute();
}

export async function botStats(db: Db, from: Date, to: Date) {
  const row = await db
    .selectFrom('chat_conversations')
    .select((eb) => [
      eb.fn.countAll<number>().as('conversations'),
      eb.fn.count<number>('id').filterWhere('bot_turns', '>', 0).as('with_bot'),
      eb.fn
        .count<number>('id')
        .filterWhere((w) => w.and([w('bot_turns', '>', 0), w('handed_off', '=', false), w('status', '=', 'ended')]))
        .as('resolved_by_bot'),
      eb.fn.count<number>('id').filterWhere('handed_off', '=', true).as('handed_off'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<=', to)
    .executeTakeFirstOrThrow();
  return {
    conversations: Number(row.conversations),
    with_bot: Number(row.with_bot),
    resolved_by_bot: Number(row.resolved_by_bot),
    handed_off: Number(row.handed_off),
  };
}

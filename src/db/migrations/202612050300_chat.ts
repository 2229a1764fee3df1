import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/** Live chat: widgets (with their bot settings), conversations (each one a ticket) and sequenced messages. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_widgets')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bot_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('bot_threshold', 'real', (c) => c.notNull().defaultTo(0.1))
    .addColumn('greeting', 'text', (c) => c.notNull().defaultTo('Hi! Ask me anything, or type "agent" to talk to a person.'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('chat_widgets').values({ key: 'default', name: 'Website' }).execute();

  await db.schema
    .createTable('chat_conversations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('widget_id', 'bigint', (c) => c.notNull().references('chat_widgets.id'))
    .addColumn('visitor_token_hash', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text')
    .addColumn('visitor_email', 'text')
    .addColumn('topic', 'text')
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('bot', 'queued', 'active', 'ended')`))
    .addColumn('agent_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visitor_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bot_turns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handed_off', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('wrap_up', 'text')
    .addColumn('csat', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('chat_conversations_token').on('chat_conversations').column('visitor_token_hash').execute();
  await db.schema.createIndex('chat_conversations_status').on('chat_conversations').columns(['status', 'agent_user_id']).execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('conversation_id', 'bigint', (c) => c.notNull().references('chat_conversations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('visitor', 'agent', 'bot', 'system')`))
    .addColumn('author_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('client_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('chat_messages_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('chat_messages_client', ['conversation_id', 'client_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chat_messages').execute();
  await db.schema.dropTable('chat_conversations').execute();
  await db.schema.dropTable('chat_widgets').execute();
}

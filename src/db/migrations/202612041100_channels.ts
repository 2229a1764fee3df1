import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Addresses the SMTP server accepts mail for; each may route its tickets to a group.
  await db.schema
    .createTable('support_addresses')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index support_addresses_email_key on support_addresses (lower(email))`.execute(db);

  // IMAP mailboxes polled for mail; the password is write-only through the API.
  await db.schema
    .createTable('imap_mailboxes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('tls', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('processed_folder', 'text')
    .addColumn('support_address_id', 'bigint', (c) => c.references('support_addresses.id').onDelete('set null'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Every inbound message, stored raw before anything else is attempted, so none is ever lost.
  await db.schema
    .createTable('inbound_emails')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('smtp', 'imap')`))
    .addColumn('mailbox_id', 'bigint', (c) => c.references('imap_mailboxes.id').onDelete('set null'))
    .addColumn('mail_from', 'text')
    .addColumn('rcpt_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('message_id', 'text')
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'processed', 'ignored', 'failed')`))
    .addColumn('flag', 'text')
    .addColumn('error', 'text')
    .addColumn('subject', 'text')
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('comment_id', 'bigint', (c) => c.references('ticket_comments.id').onDelete('set null'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await sql`create unique index inbound_emails_message_id_key on inbound_emails (message_id) where message_id is not null`.execute(db);
  await sql`create index inbound_emails_pending_idx on inbound_emails (id) where status = 'received'`.execute(db);
  await sql`create index inbound_emails_status_idx on inbound_emails (status, id)`.execute(db);
  await sql`create index inbound_emails_from_idx on inbound_emails (lower(mail_from), received_at)`.execute(db);

  // Message-IDs seen or sent per ticket: the thread index for In-Reply-To and References.
  await db.schema
    .createTable('email_message_ids')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('comment_id', 'bigint')
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_message_ids_ticket_idx').on('email_message_ids').columns(['ticket_id', 'created_at']).execute();

  // Outbound mail: one row per public agent reply, retried with backoff until sent or given up.
  await db.schema
    .createTable('email_outbound')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('comment_id', 'bigint', (c) => c.notNull().unique().references('ticket_comments.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('recipients', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'skipped', 'undelivered')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index email_outbound_due_idx on email_outbound (next_attempt_at) where status = 'pending'`.execute(db);

  // What the channel delivered beside the displayed text: full text with quotes, sanitised HTML, headers.
  await db.schema
    .createTable('channel_messages')
    .addColumn('comment_id', 'bigint', (c) => c.primaryKey().references('ticket_comments.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('full_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text')
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_messages_ticket_idx').on('channel_messages').columns(['ticket_id', 'created_at']).execute();
  await sql`create unique index channel_messages_external_key on channel_messages (source, external_id) where external_id is not null`.execute(
    db,
  );

  // Customers copied on a ticket (CC): they receive its public replies.
  await db.schema
    .createTable('ticket_followers')
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_followers_pkey', ['ticket_id', 'customer_id'])
    .execute();

  // Voice calls: the interaction facts ASA, service level, abandonment and voice AHT are computed from.
  await db.schema
    .createTable('calls')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('call_id', 'text', (c) => c.notNull().unique())
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('inbound').check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('agent_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queue_wait_seconds', 'integer')
    .addColumn('talk_seconds', 'integer')
    .addColumn('hold_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wrap_up_seconds', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('recording_url', 'text')
    .addColumn('transcript', 'text')
    .addColumn('ringing_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('held_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('events', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calls_customer_idx').on('calls').columns(['customer_id', 'ringing_at']).execute();
  await db.schema.createIndex('calls_ringing_idx').on('calls').column('ringing_at').execute();

  // Messaging providers (WhatsApp-, Messenger-, SMS-like): inbound webhooks signed with the secret.
  await db.schema
    .createTable('messaging_connections')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('whatsapp', 'sms', 'messenger', 'generic')`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('outbound_url', 'text')
    .addColumn('join_window_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index messaging_connections_name_key on messaging_connections (lower(name))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'messaging_connections',
    'calls',
    'ticket_followers',
    'channel_messages',
    'email_outbound',
    'email_message_ids',
    'inbound_emails',
    'imap_mailboxes',
    'support_addresses',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

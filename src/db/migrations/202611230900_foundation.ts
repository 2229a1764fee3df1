import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domains', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lifetime_value_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('value_tier', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('account_owner_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index organizations_name_key on organizations (lower(name))`.execute(db);

  await db.schema
    .createTable('customers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'bigint', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('lifetime_value_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('value_tier', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('time_zone', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('merged_into_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_organization_idx').on('customers').column('organization_id').execute();
  await sql`create index customers_name_trgm_idx on customers using gin (name gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('customer_identities')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'phone', 'chat', 'social')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('customer_identities_kind_value_key', ['kind', 'value'])
    .execute();
  await db.schema.createIndex('customer_identities_customer_idx').on('customer_identities').column('customer_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('customer', 'associate', 'engineer', 'manager', 'tam', 'analyst', 'head_of_support', 'admin')`),
    )
    .addColumn('password_hash', 'text')
    .addColumn('tier', 'smallint', (c) => c.check(sql`tier between 1 and 3`))
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);
  await sql`alter table organizations add constraint organizations_account_owner_fk foreign key (account_owner_id) references users (id) on delete set null`.execute(
    db,
  );

  await db.schema
    .createTable('skills')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('other').check(sql`kind in ('product', 'language', 'priority', 'channel', 'other')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_skills')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill_id', 'bigint', (c) => c.notNull().references('skills.id').onDelete('cascade'))
    .addColumn('proficiency', 'smallint', (c) => c.notNull().defaultTo(3).check(sql`proficiency between 1 and 5`))
    .addPrimaryKeyConstraint('agent_skills_pkey', ['user_id', 'skill_id'])
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tier', 'smallint', (c) => c.check(sql`tier between 1 and 3`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index groups_name_key on groups (lower(name))`.execute(db);

  await db.schema
    .createTable('group_memberships')
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_memberships_pkey', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('actor_user_id', 'bigint')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_created_idx').on('audit_log').column('created_at').execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('parent_id', 'bigint', (c) => c.references('categories.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('custom_fields')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('text', 'number', 'dropdown', 'date', 'checkbox')`))
    .addColumn('options', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('resolution_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await sql`create sequence ticket_number_seq start with 1000`.execute(db);
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'bigint', (c) => c.primaryKey().defaultTo(sql`nextval('ticket_number_seq')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')`))
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('p1', 'p2', 'p3', 'p4')`))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('question', 'incident', 'problem', 'task')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('organization_id', 'bigint', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('assignee_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('group_id', 'bigint', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('tier', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`tier between 1 and 3`))
    .addColumn('category_id', 'bigint', (c) => c.references('categories.id'))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('custom_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('resolution_code', 'text', (c) => c.references('resolution_codes.code'))
    .addColumn('merged_into_id', 'bigint', (c) => c.references('tickets.id'))
    .addColumn('follow_up_of_id', 'bigint', (c) => c.references('tickets.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('solved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('subject_tsv', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, subject)`).stored())
    .execute();
  for (const column of ['status', 'requester_id', 'assignee_id', 'group_id', 'category_id', 'organization_id']) {
    await db.schema.createIndex(`tickets_${column}_idx`).on('tickets').column(column).execute();
  }
  await db.schema.createIndex('tickets_updated_at_idx').on('tickets').column('updated_at').execute();
  await db.schema.createIndex('tickets_created_at_idx').on('tickets').column('created_at').execute();
  await sql`create index tickets_tags_idx on tickets using gin (tags)`.execute(db);
  await sql`create index tickets_subject_tsv_idx on tickets using gin (subject_tsv)`.execute(db);

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_customer_id', 'bigint', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('public', 'boolean', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('body_tsv', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, body)`).stored())
    .execute();
  await db.schema.createIndex('ticket_comments_ticket_idx').on('ticket_comments').columns(['ticket_id', 'id']).execute();
  await sql`create index ticket_comments_body_tsv_idx on ticket_comments using gin (body_tsv)`.execute(db);

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('comment_id', 'bigint', (c) => c.references('ticket_comments.id').onDelete('cascade'))
    .addColumn('uploaded_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_comment_idx').on('attachments').column('comment_id').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('comment_id', 'bigint')
    .addColumn('actor_user_id', 'bigint')
    .addColumn('actor_customer_id', 'bigint')
    .addColumn('channel', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('ticket_events_type_created_idx').on('ticket_events').columns(['type', 'created_at']).execute();

  await db.schema
    .createTable('ticket_links')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('target_ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('related', 'duplicate', 'parent', 'follow_up')`))
    .addColumn('created_by_user_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('ticket_links_unique', ['source_ticket_id', 'target_ticket_id', 'kind'])
    .addCheckConstraint('ticket_links_not_self', sql`source_ticket_id <> target_ticket_id`)
    .execute();
  await db.schema.createIndex('ticket_links_target_idx').on('ticket_links').column('target_ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ticket_links',
    'ticket_events',
    'attachments',
    'ticket_comments',
    'tickets',
    'resolution_codes',
    'custom_fields',
    'categories',
    'audit_log',
    'api_tokens',
    'sessions',
    'group_memberships',
    'groups',
    'agent_skills',
    'skills',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`alter table organizations drop constraint if exists organizations_account_owner_fk`.execute(db);
  await db.schema.dropTable('users').ifExists().execute();
  await db.schema.dropTable('customer_identities').ifExists().execute();
  await db.schema.dropTable('customers').ifExists().execute();
  await db.schema.dropTable('organizations').ifExists().execute();
  await db.schema.dropTable('settings').ifExists().execute();
  await sql`drop sequence if exists ticket_number_seq`.execute(db);
}
